package io.moatwatch.analyse.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moatwatch.analyse.entities.GazetteerEntry.Alias;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteerFileTest {

  private static Map<String, GazetteerEntry> byName(Gazetteer g) {
    return g.entries().stream().collect(Collectors.toMap(GazetteerEntry::canonical, e -> e));
  }

  @Test
  void builtinKnowsTheGpuWorldAndItsNicknames() throws Exception {
    Gazetteer g = GazetteerFile.load(List.of(GazetteerFile.BUILTIN));
    Map<String, GazetteerEntry> e = byName(g);
    assertThat(e.get("AMD").type()).isEqualTo("ORGANIZATION");
    assertThat(e.get("AMD").aliases()).contains(new Alias("Team Red", false));
    assertThat(e.get("NVIDIA").aliases()).contains(new Alias("Team Green", false));
    assertThat(e.get("George Hotz").aliases()).contains(new Alias("geohot", false));
    assertThat(e.get("HIP").aliases()).contains(new Alias("HIP", true));
    assertThat(e.get("MI300X").type()).isEqualTo("HARDWARE");
    assertThat(g.types()).containsEntry("ZLUDA", "SOFTWARE").containsEntry("Triton", "SOFTWARE")
        .containsEntry("H100", "HARDWARE").containsEntry("Jensen Huang", "PERSON");
    assertThat(g.origins()).containsExactly("builtin:gpu");
    assertThat(e.get("AMD").origin()).startsWith("builtin:gpu line ");
  }

  @Test
  void exactCaseAliasesAreMarkedWithAnEqualsSign() throws Exception {
    Gazetteer g = GazetteerFile.parse("HIP | SOFTWARE | =HIP, hipcc\n", "t");
    assertThat(g.entries().get(0).aliases()).containsExactly(new Alias("HIP", true), new Alias("hipcc", false));
  }

  @Test
  void attributesAreOptionalAndKeptPerEntity() throws Exception {
    Gazetteer g = GazetteerFile.parse("ROCm | SOFTWARE | ROCm | kind=stack; vendor=AMD\nAMD | ORGANIZATION | AMD\n", "g");
    assertThat(g.entries().get(0).attributes()).containsExactly(Map.entry("kind", "stack"), Map.entry("vendor", "AMD"));
    assertThat(g.entries().get(1).attributes()).isEmpty();
    assertThat(GazetteerRules.mapping(g).caseless()).contains("\tROCm|kind=stack;vendor=AMD\t").contains("\tAMD\t");
  }

  @Test
  void errorsNameTheLineAndTheReason() {
    assertThatThrownBy(() -> GazetteerFile.parse("# c\nAMD | ORGANIZATION\n", "g"))
        .hasMessage("g line 2: expected 'canonical | TYPE | aliases' (3 fields separated by |, and attributes as a"
            + " fourth), found 2 fields");
    assertThatThrownBy(() -> GazetteerFile.parse("AMD | ORGANIZATION | AMD | colour=red\n", "g"))
        .hasMessage("g line 1: attribute 'colour=red' must be key=value with a key of [kind, vendor, family, arch,"
            + " version]");
    assertThatThrownBy(() -> GazetteerFile.parse("AMD | Org | AMD\n", "g"))
        .hasMessage("g line 1: type 'Org' must be upper-case letters or _, e.g. HARDWARE");
    assertThatThrownBy(() -> GazetteerFile.parse(" | ORGANIZATION | AMD\n", "g"))
        .hasMessage("g line 1: the canonical name is empty");
    assertThatThrownBy(() -> GazetteerFile.parse("AMD | ORGANIZATION | AMD\nAMD | ORGANIZATION | Team Red\n", "g"))
        .hasMessage("g line 2: 'AMD' is already defined on line 1");
    assertThatThrownBy(() -> GazetteerFile.parse("AMD | ORGANIZATION | Team Red\nIntel | ORGANIZATION | team  red\n",
        "g")).hasMessage("g line 2: alias 'team  red' is already used on line 1");
    assertThatThrownBy(() -> GazetteerFile.parse("AMD | ORGANIZATION | AMD, --\n", "g"))
        .hasMessage("g line 1: alias '--' has no letter or digit");
    assertThatThrownBy(() -> GazetteerFile.parse("AMD | ORGANIZATION | , \n", "g"))
        .hasMessage("g line 1: 'AMD' has no aliases");
    assertThatThrownBy(() -> GazetteerFile.load(List.of("/no/such.gazetteer")))
        .hasMessage("gazetteer file /no/such.gazetteer does not exist or is not readable");
  }

  @Test
  void laterFilesAddAliasesAndTakeAliasesOver(@TempDir Path dir) throws Exception {
    Path mine = Files.writeString(dir.resolve("mine.gazetteer"),
        "AMD | ORGANIZATION | Lisa's company\nAMD Radeon | HARDWARE | Radeon\nRebellions | ORGANIZATION | Rebellions, ATOM NPU\n");
    Gazetteer g = GazetteerFile.load(List.of(GazetteerFile.BUILTIN, mine.toString()));
    Map<String, GazetteerEntry> e = byName(g);
    assertThat(e.get("AMD").aliases()).contains(new Alias("Team Red", false), new Alias("Lisa's company", false));
    assertThat(e.get("AMD Radeon").aliases()).containsExactly(new Alias("Radeon", false));
    assertThat(e.get("Radeon").aliases()).as("its only alias now names AMD Radeon").isEmpty();
    assertThat(e.get("Rebellions").origin()).isEqualTo(mine + " line 3");
    assertThat(g.origins()).containsExactly("builtin:gpu", mine.toString());
    assertThat(g.fingerprint()).isNotEqualTo(GazetteerFile.load(List.of(GazetteerFile.BUILTIN)).fingerprint());
  }
}
