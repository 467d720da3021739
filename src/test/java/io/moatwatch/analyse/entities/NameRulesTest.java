package io.moatwatch.analyse.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.moatwatch.analyse.corenlp.EntityMention;
import io.moatwatch.analyse.corenlp.NameFinder;
import io.moatwatch.analyse.corenlp.NlpSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per family of names in gpu-names.rules, through the gazetteer and the rules alone (the way code blocks
 * and log lines are read; no statistical model is loaded): every spelling maps to one canonical name with its
 * attributes, and the look-alikes stay unnamed.
 */
class NameRulesTest {
  private static NameFinder finder;

  @BeforeAll
  static void build() {
    finder = NameFinder.of(NlpSettings.DEFAULTS);
  }

  private static List<String> names(String text) {
    return finder.find(text).stream().map(EntityMention::canonical).distinct().toList();
  }

  private static EntityMention only(String text) {
    List<EntityMention> found = finder.find(text);
    assertThat(found).as(text).hasSize(1);
    return found.get(0);
  }

  @Test
  void radeonCardsInEverySpellingAreOneName() {
    for (String s : List.of("my 7900xtx", "the RX7900XTX", "a 7900 XTX", "AMD Radeon RX 7900 XTX", "rx 7900 xtx",
        "two 7900XTXs")) {
      assertThat(names(s)).as(s).containsExactly("RX 7900 XTX");
    }
    EntityMention xtx = only("Radeon RX 7900 XTX");
    assertThat(xtx.type()).isEqualTo("HARDWARE");
    assertThat(xtx.attributes()).containsEntry("vendor", "AMD").containsEntry("family", "Radeon RX 7000")
        .containsEntry("arch", "RDNA3").containsEntry("kind", "gpu");
    assertThat(names("the 6700 XT and the RX6800XT")).containsExactly("RX 6700 XT", "RX 6800 XT");
    assertThat(names("9070XT or a 9070")).containsExactly("RX 9070 XT", "RX 9070");
    assertThat(only("RX 9070 XT").attributes()).containsEntry("arch", "RDNA4");
    assertThat(names("The RX 570 and 580 are the same chip")).containsExactly("RX 570", "RX 580");
    assertThat(names("the whole RX 7000 series")).containsExactly("Radeon RX 7000");
    assertThat(names("Radeon Pro W7900 and Radeon VII")).containsExactly("Radeon Pro W7900", "Radeon VII");
  }

  @Test
  void bareModelNumbersNeedAnOwnerAndNoUnit() {
    assertThat(names("Is it competitive with a 4090?")).containsExactly("RTX 4090");
    assertThat(names("It took 7900 seconds and 4090 iterations.")).isEmpty();
    assertThat(names("Page 7900 of the manual")).isEmpty();
    assertThat(names("In 2015 it was different.")).isEmpty();
  }

  @Test
  void geforceCardsWithTiAndSuper() {
    assertThat(names("RTX 4070 Ti Super, rtx3080, GTX 1660 Super, the 3090 Ti"))
        .containsExactly("RTX 4070 Ti Super", "RTX 3080", "GTX 1660 Super", "RTX 3090 Ti");
    assertThat(names("NVIDIA GeForce RTX 4090")).containsExactly("RTX 4090");
    assertThat(only("two 4090s").attributes()).containsEntry("vendor", "NVIDIA").containsEntry("family", "GeForce");
  }

  @Test
  void dataCentrePartsAndAccelerators() {
    assertThat(names("A100-80GB, H100 SXM, h100s, MI300X OAM, mi250x and the Instinct MI210"))
        .containsExactly("A100", "H100", "MI300X", "MI250X", "MI210");
    assertThat(only("MI300X").attributes()).containsEntry("arch", "CDNA3").containsEntry("family", "AMD Instinct");
    assertThat(names("AMD's Instinct line")).contains("AMD Instinct");
    assertThat(names("Colab gives you a T4 on the free tier")).contains("T4");
    assertThat(names("GB200 NVL72 racks")).containsExactly("GB200 NVL72");
    assertThat(names("Intel Arc A770 and Intel(R) Arc(TM) B580 Graphics, Gaudi 3, Gaudi2"))
        .containsExactly("Arc A770", "Arc B580", "Gaudi 3", "Gaudi 2");
    assertThat(names("TPU v5e, TPUv4")).containsExactly("TPU v5e", "TPU v4");
    assertThat(names("my M2 Max, Apple M1, M3 Ultra")).containsExactly("Apple M2 Max", "Apple M1", "Apple M3 Ultra");
    assertThat(names("The M.2 SSD")).isEmpty();
  }

  @Test
  void gpuTargetsInProseAndInsideLogTokens() {
    assertThat(names("Name: gfx1100")).containsExactly("gfx1100");
    assertThat(only("GFX1102").attributes()).containsEntry("arch", "RDNA3").containsEntry("vendor", "AMD");
    assertThat(names("hipcc --offload-arch=gfx942 and gfx1100_48.kdb")).contains("gfx942", "gfx1100");
    assertThat(names("nvcc -arch=sm_80, sm_90a and compute capability 8.6"))
        .contains("sm_80", "sm_90a", "sm_86");
    assertThat(only("sm_89").attributes()).containsEntry("arch", "Ada Lovelace");
  }

  @Test
  void architecturesAndTheWordsThatAreAlsoNames() {
    assertThat(names("RDNA 4, RDNA3, CDNA3, navi31, Navi 48")).containsExactly("RDNA4", "RDNA3", "CDNA3", "Navi 31",
        "Navi 48");
    assertThat(names("Turing GPUs have tensor cores")).containsExactly("Turing");
    assertThat(names("The GTX 1080 Ti is Pascal, so no tensor cores")).containsExactly("GTX 1080 Ti", "Pascal");
    assertThat(names("Brainfuck is Turing complete")).isEmpty();
    assertThat(names("Pascal was my first programming language")).isEmpty();
    assertThat(names("Vega is the brightest star in Lyra")).isEmpty();
  }

  @Test
  void versionsJoinTheirStackOrSystem() {
    EntityMention rocm = only("ROCm 6.2.4 fixed it");
    assertThat(rocm.canonical()).isEqualTo("ROCm");
    assertThat(rocm.attributes()).containsEntry("version", "6.2.4").containsEntry("kind", "stack");
    assertThat(only("Ubuntu 22.04").attributes()).containsEntry("version", "22.04");
    assertThat(only("CUDA 12.4").attributes()).containsEntry("version", "12.4");
    assertThat(finder.find("--index-url https://download.pytorch.org/whl/rocm6.2").get(0).attributes())
        .containsEntry("version", "6.2");
  }

  @Test
  void codeAndLogsNameTheirLibraries() {
    assertThat(names("x = torch.cuda.is_available()")).containsExactly("PyTorch");
    assertThat(names("Could not load dynamic library 'libcudart.so.11.0'")).containsExactly("CUDA");
    assertThat(names("export ROCM_PATH=/opt/rocm-6.2.0")).containsExactly("ROCm");
    assertThat(names("rocm-smi and nvidia-smi")).containsExactly("rocm-smi", "nvidia-smi");
    assertThat(finder.find("Marketing Name: AMD Radeon RX 7900 XTX")).extracting(EntityMention::foundIn)
        .containsOnly(EntityMention.CODE);
    assertThat(finder.find("I use Arch btw")).extracting(EntityMention::canonical, e -> e.attributes().get("kind"))
        .containsExactly(tuple("Arch Linux", "os"));
  }

  @Test
  void theShippedRulesAreWhatTheFamilyTablesGive() throws Exception {
    Path root = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
    Process p;
    try {
      p = new ProcessBuilder("python3", root.resolve("jobs/lib/name_rules.py").toString(), "--check")
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void attributesRoundTripThroughTheNormalizedTag() {
    Map<String, String> attrs = Map.of("kind", "gpu", "vendor", "AMD", "family", "Radeon RX 7000", "arch", "RDNA3");
    String tag = EntityAttributes.tag("RX 7900 XTX", attrs);
    assertThat(tag).isEqualTo("RX 7900 XTX|kind=gpu;vendor=AMD;family=Radeon RX 7000;arch=RDNA3");
    assertThat(EntityAttributes.untag(tag)).isEqualTo(new EntityAttributes.Tagged("RX 7900 XTX", attrs));
    assertThat(EntityAttributes.untag("AMD")).isEqualTo(new EntityAttributes.Tagged("AMD", Map.of()));
  }
}
