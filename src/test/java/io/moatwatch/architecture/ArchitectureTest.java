package io.moatwatch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows README's ARCHITECTURE section forbids, checked on the compiled classes of src/main (ArchUnit reads
 * the bytecode, so a fully qualified name in the middle of a method counts like an import). Each test names one
 * rule; a failure lists every offending dependency with its class and line.
 */
class ArchitectureTest {
  private static final String[] STAGES = {"io.moatwatch.read..", "io.moatwatch.prepare..", "io.moatwatch.threads..",
      "io.moatwatch.cache..", "io.moatwatch.analyse..", "io.moatwatch.output..", "io.moatwatch.stats.."};
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.moatwatch");
  }

  @Test
  void noRoomDependsOnAnotherThatDependsBackOnIt() {
    slices().matching("io.moatwatch.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void noPackageLoopInsideARoomEither() {
    slices().matching("io.moatwatch.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void stagesNeverImportTheJobOrTheCommandLine() {
    noClasses().that().resideInAnyPackage(STAGES).should().dependOnClassesThat()
        .resideInAnyPackage("io.moatwatch.job..", "io.moatwatch.cli..").check(classes);
  }

  @Test
  void configAndSchemaAreLeaves() {
    noClasses().that().resideInAnyPackage("io.moatwatch.config..", "io.moatwatch.schema..").should()
        .dependOnClassesThat().resideInAnyPackage(STAGES).check(classes);
    noClasses().that().resideInAnyPackage("io.moatwatch.config..", "io.moatwatch.schema..").should()
        .dependOnClassesThat().resideInAnyPackage("io.moatwatch.job..", "io.moatwatch.cli..").check(classes);
  }

  @Test
  void readingKnowsNothingOfNlp() {
    noClasses().that().resideInAnyPackage("io.moatwatch.read..", "io.moatwatch.prepare..").should()
        .dependOnClassesThat().resideInAnyPackage("io.moatwatch.analyse..", "edu.stanford..", "ai.onnxruntime..",
            "ai.djl..").check(classes);
  }

  @Test
  void annotationDoesNotWrite() {
    noClasses().that().resideInAnyPackage("io.moatwatch.analyse..").should().dependOnClassesThat()
        .resideInAnyPackage("io.moatwatch.output..", "io.moatwatch.cache..").check(classes);
  }

  @Test
  void pureLogicImportsNoSpark() {
    noClasses().that().resideInAnyPackage("io.moatwatch.read.format..", "io.moatwatch.read.prefilter..",
            "io.moatwatch.prepare..", "io.moatwatch.analyse.corenlp..", "io.moatwatch.analyse.entities..",
            "io.moatwatch.analyse.label..", "io.moatwatch.stats..", "io.moatwatch.config..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..").check(classes);
  }

  @Test
  void nothingTheJobRunsImportsEvaluationOrBenchmarks() {
    noClasses().that().resideOutsideOfPackages("io.moatwatch.evaluate..", "io.moatwatch.bench..").should()
        .dependOnClassesThat().resideInAnyPackage("io.moatwatch.evaluate..", "io.moatwatch.bench..").check(classes);
  }
}
