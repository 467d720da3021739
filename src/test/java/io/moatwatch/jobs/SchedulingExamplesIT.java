package io.moatwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.moatwatch.cli.Main;
import io.moatwatch.testing.Cost;
import io.moatwatch.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scheduling examples in jobs/scheduling/, each checked by the tool that understands it: systemd's own
 * {@code systemd-analyze verify} for the service and timer, croniter (the parser Airflow itself uses) for the
 * crontab schedule, and Python's parser for the Airflow DAG, whose SparkSubmitOperator call must name the
 * job's main class, the jars Maven builds and only options the job knows (Airflow itself is not installable
 * here, so the DAG is not loaded by a real scheduler).
 */
@Order(Cost.QUICK)
class SchedulingExamplesIT {
  private static final Path ROOT = Path.of(System.getProperty("moatwatch.projectDir", ".")).toAbsolutePath();
  private static final Path SCHEDULING = ROOT.resolve("jobs/scheduling");

  @TempDir
  Path work;

  @Test
  void systemdServiceAndTimerVerify() throws Exception {
    // The units point at /opt/moatwatch; verify them against this checkout so ExecStart exists.
    for (String unit : List.of("moatwatch-nightly.service", "moatwatch-nightly.timer")) {
      Files.writeString(work.resolve(unit), Files.readString(SCHEDULING.resolve(unit))
          .replace("/opt/moatwatch", ROOT.toString()));
    }
    Processes.Result r = run(List.of("systemd-analyze", "verify", work.resolve("moatwatch-nightly.timer").toString(),
        work.resolve("moatwatch-nightly.service").toString()));
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).as("systemd-analyze says nothing about units it accepts").isBlank();
    Processes.Result calendar = run(List.of("systemd-analyze", "calendar", "*-*-* 02:30:00 UTC"));
    assertThat(calendar.out()).contains("Normalized form: *-*-* 02:30:00 UTC");
    assertThat(Files.readString(SCHEDULING.resolve("moatwatch-nightly.timer"))).contains("OnCalendar=*-*-* 02:30:00 UTC");
  }

  @Test
  void crontabScheduleParsesAndRunsTheNightlyScript() throws Exception {
    Processes.Result pip = run(List.of("python3", "-m", "pip", "install", "--retries", "0", "--quiet",
        "--disable-pip-version-check", "-r", SCHEDULING.resolve("requirements-check.txt").toString()));
    assertThat(pip.exit()).as(pip.out()).isZero();
    String check = String.join("\n",
        "import sys",
        "from croniter import croniter",
        "jobs = [l for l in open(sys.argv[1]) if l.strip() and not l.startswith('#') and '=' not in l.split()[0]]",
        "assert len(jobs) == 1, jobs",
        "fields = jobs[0].split()",
        "expr = ' '.join(fields[:5])",
        "assert croniter.is_valid(expr), expr",
        "assert 'jobs/nightly.sh' in jobs[0], jobs[0]",
        "print('schedule', expr)");
    Processes.Result r = run(List.of("python3", "-c", check, SCHEDULING.resolve("crontab").toString()));
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("schedule 30 2 * * *");
    Processes.Result bad = run(List.of("python3", "-c", "from croniter import croniter; assert croniter.is_valid('61 2 * * *')"));
    assertThat(bad.exit()).as("croniter rejects a bad minute").isNotZero();
  }

  @Test
  void airflowDagSubmitsTheJobWithOptionsItKnows() throws Exception {
    String check = String.join("\n",
        "import ast, json, sys",
        "tree = ast.parse(open(sys.argv[1]).read())",
        "calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, 'id', '') == 'SparkSubmitOperator']",
        "assert len(calls) == 1",
        "kw = {k.arg: k.value for k in calls[0].keywords}",
        "consts = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)",
        "          and isinstance(n.value, ast.Constant) for t in n.targets if isinstance(t, ast.Name)}",
        "def part(p):",
        "    if isinstance(p, ast.Constant):",
        "        return p.value",
        "    name = getattr(p.value, 'id', None)",
        "    return consts.get(name, '{' + str(name) + '}')",
        "def text(v):",
        "    return v.value if isinstance(v, ast.Constant) else ''.join(part(p) for p in v.values)",
        "out = {'java_class': text(kw['java_class']), 'application': text(kw['application']), 'jars': text(kw['jars']),",
        "       'args': [text(a) for a in kw['application_args'].elts]}",
        "print(json.dumps(out))");
    Processes.Result r = run(List.of("python3", "-c", check, SCHEDULING.resolve("airflow_moatwatch_dag.py").toString()));
    assertThat(r.exit()).as(r.out()).isZero();
    var dag = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(dag.path("java_class").asText()).isEqualTo(Main.class.getName());
    assertThat(dag.path("application").asText()).isEqualTo("{MOATWATCH_HOME}/target/moatwatch-0.1.0-SNAPSHOT.jar");
    assertThat(dag.path("jars").asText()).isEqualTo("{MOATWATCH_HOME}/target/moatwatch-0.1.0-SNAPSHOT-models.jar");
    var known = new CommandLine(new Main()).getCommandSpec().optionsMap().keySet();
    List<String> options = new ArrayList<>();
    dag.path("args").forEach(a -> {
      if (a.asText().startsWith("--")) {
        options.add(a.asText());
      }
    });
    assertThat(options).containsExactly("--input", "--output", "--day", "--run-id");
    assertThat(known).containsAll(options);
    // Byte-compiles it as Airflow's DAG loader would, without leaving __pycache__ in the project.
    Processes.Result compiled = run(List.of("python3", "-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')",
        SCHEDULING.resolve("airflow_moatwatch_dag.py").toString()));
    assertThat(compiled.exit()).as(compiled.out()).isZero();
  }

  private Processes.Result run(List<String> cmd) throws Exception {
    return Processes.command(cmd).log(Files.createTempFile(work, "cmd", ".log")).timeout(Duration.ofMinutes(5)).run();
  }
}
