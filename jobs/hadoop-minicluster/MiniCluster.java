import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * HDFS and YARN in one JVM, from Hadoop's own test clusters (hadoop-client-minicluster), for the YARN test.
 * Run as a single-file program by jobs/hadoop-minicluster.sh WORK_DIR [NODE_MANAGERS [--until-stdin-closes]].
 *
 * Writes WORK_DIR/conf/{core,hdfs,yarn}-site.xml (a client's configuration: the clusters' addresses, for
 * HADOOP_CONF_DIR), prints
 * "READY" on stdout, and runs until interrupted (or, with --until-stdin-closes, until its standard input closes),
 * then stops both clusters.
 */
public class MiniCluster {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    int nodeManagers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Files.createDirectories(work);
    Configuration conf = new YarnConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("hdfs").toString());
    conf.set("hadoop.tmp.dir", work.resolve("tmp").toString());
    // no disk-full check (a build machine's disk may be nearly full), no memory checks of containers
    conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
    conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    conf.setInt("yarn.nodemanager.resource.memory-mb", Integer.getInteger("nm.memory.mb", 12288));
    // MiniYARNCluster gives its NodeManagers this instead (4 GB unless set)
    conf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", Integer.getInteger("nm.memory.mb", 12288));
    conf.setInt("yarn.scheduler.maximum-allocation-mb", Integer.getInteger("nm.memory.mb", 12288));
    conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
    // capacity-scheduler.xml is not in hadoop-client-minicluster: the one default queue, spelled out
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
    conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    conf.set("yarn.resourcemanager.hostname", "localhost");

    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    dfs.waitActive();
    conf.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
    MiniYARNCluster yarn = new MiniYARNCluster("moatwatch", nodeManagers, 1, 1);
    yarn.init(conf);
    yarn.start();
    Configuration live = yarn.getConfig();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (live.get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ResourceManager did not publish its address in 30 s");
      }
      Thread.sleep(100);
    }
    // What a client needs, as a real cluster's client configuration has it (the clusters' own configuration
    // names test classes, such as a static rack mapping, that a client does not have).
    Configuration client = new Configuration(false);
    client.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
    client.setInt("dfs.replication", 1);
    for (var e : live) {
      if (e.getKey().startsWith("yarn.resourcemanager.") && e.getKey().endsWith("address")
          || e.getKey().equals("yarn.resourcemanager.hostname")) {
        client.set(e.getKey(), live.get(e.getKey()));
      }
    }
    Path confDir = Files.createDirectories(work.resolve("conf"));
    for (String site : new String[] {"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
      try (OutputStream out = new FileOutputStream(confDir.resolve(site).toFile())) {
        client.writeXml(out);
      }
    }
    System.out.println("READY " + client.get("fs.defaultFS") + " " + live.get(YarnConfiguration.RM_ADDRESS));
    System.out.flush();
    if (args.length > 2 && args[2].equals("--until-stdin-closes")) {
      while (System.in.read() != -1) {
        // run until the standard input closes (a test holds it open)
      }
    } else {
      // run until interrupted or killed; the hook stops YARN's containers with the clusters
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        yarn.stop();
        dfs.shutdown();
      }));
      Thread.currentThread().join();
    }
    yarn.stop();
    dfs.shutdown();
  }
}
