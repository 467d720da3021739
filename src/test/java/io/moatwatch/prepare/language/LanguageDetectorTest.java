package io.moatwatch.prepare.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {
  private final LanguageDetector detector = new LanguageDetector();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en  | ROCm finally works on my 7900 XTX, but the install was a pain and the docs are still wrong.
      en  | I don't think tinygrad is ready for production yet, it's fun to hack on though.
      en  | CUDA is the moat. Nobody wants to port their kernels to HIP when everything just works on NVIDIA.
      de  | Ich habe ROCm auf meiner Karte installiert und es funktioniert leider nicht, die Treiber sind noch schlecht.
      fr  | J'ai essayé ROCm sur ma carte et ça ne marche pas, c'est vraiment dommage pour les développeurs.
      es  | Instalé ROCm en mi tarjeta pero no funciona, los controladores de AMD son muy malos para esto.
      pt  | Eu instalei o ROCm na minha placa e não funciona, os drivers da AMD ainda são muito ruins.
      it  | Ho installato ROCm sulla mia scheda ma non funziona, i driver sono ancora molto scarsi per questo.
      nl  | Ik heb ROCm op mijn kaart geïnstalleerd maar het werkt niet, de drivers zijn nog steeds slecht.
      pl  | Zainstalowałem ROCm na mojej karcie ale nie działa, sterowniki są jeszcze bardzo słabe.
      tr  | ROCm kurdum ama çalışmıyor, AMD sürücüleri hala çok kötü ve bu bir sorun.
      zh  | 我在我的显卡上安装了ROCm，但是它不能正常工作，驱动程序还是很差。
      ja  | 私のグラフィックカードにROCmをインストールしましたが、動作しません。ドライバーはまだ悪いです。
      ko  | 내 그래픽 카드에 ROCm을 설치했지만 작동하지 않습니다. 드라이버가 여전히 나쁩니다.
      ru  | Я установил ROCm на свою видеокарту, но он не работает, драйверы всё ещё плохие.
      uk  | Я встановив ROCm на свою відеокарту, але він не працює, драйвери все ще погані.
      """)
  void detectsTheLanguageOfForumSizedPosts(String expected, String text) {
    assertThat(detector.detect(text).language()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ROCm 6.2 on MI300X
      H100 vs MI300X vs 7900 XTX
      🚀🚀🔥 tinygrad 🔥
      torch.cuda.is_available() False
      """)
  void shortOrCodeLikeTextIsUndeterminedAndKept(String text) {
    LanguageGuess g = detector.detect(text);
    assertThat(g.language()).as(g.evidence()).isIn(LanguageDetector.UNDETERMINED, LanguageDetector.ENGLISH);
    assertThat(g.englishOrUndetermined()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void englishWithAForeignQuoteStaysEnglish() {
    LanguageGuess g = detector.detect("Someone on the German forum wrote \"es funktioniert nicht\" and I think "
        + "they are right, the driver is broken for this card and it has been for months.");
    assertThat(g.language()).as(g.evidence()).isEqualTo("en");
  }

  @org.junit.jupiter.api.Test
  void aRepeatedWordCountsOnce() {
    // "la" is a French (and Spanish, Italian) function word; nine of them are still one piece of evidence.
    LanguageGuess g = detector.detect("'Cause what the world needs now are some true words of wisdom\n"
        + "Like la la la la la la la la la");
    assertThat(g.language()).as(g.evidence()).isEqualTo("en");
  }

  @org.junit.jupiter.api.Test
  void evidenceSaysWhy() {
    assertThat(detector.detect("Я установил ROCm на свою видеокарту, но он не работает").evidence())
        .startsWith("cyrillic script, ");
    assertThat(detector.detect("Ich habe ROCm installiert und es funktioniert nicht mit der Karte").evidence())
        .startsWith("opennlp langdetect-183: deu ");
  }

  /**
   * The probe sentences (written for the project) in 22 Latin-script languages, most of which the old
   * function-word lists did not know: none may be scored as English, and the language should be the right one.
   */
  @org.junit.jupiter.api.Test
  void latinScriptLanguagesBeyondTheOldListsAreNotEnglish() throws Exception {
    int right = 0;
    int n = 0;
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/resources/language/probes.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] p = line.split("\t", 2);
      LanguageGuess g = detector.detect(p[1]);
      assertThat(g.englishOrUndetermined()).as(p[1] + " (" + g.evidence() + ")").isFalse();
      right += g.language().equals(p[0]) ? 1 : 0;
      n++;
    }
    assertThat(n).isEqualTo(65);
    // 61 of 65 measured: two Croatian sentences read as Bosnian, one Danish as Bokmål, one Indonesian as
    // Sundanese (close relatives); fewer would mean the model or the rule changed
    assertThat(right).as("right language").isGreaterThanOrEqualTo(61);
  }
}
