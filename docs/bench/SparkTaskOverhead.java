import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark's cost per task: jobs of T empty tasks (count of one element per partition, no user code,
 * so it also runs on a cluster without this class), wall time / T after a warm-up.
 * Usage: java [Spark's --add-opens flags] -cp "SPARK_JARS/*" SparkTaskOverhead.java MASTER [TASKS]
 */
public class SparkTaskOverhead {
  public static void main(String[] a) {
    String master = a[0];
    int tasks = a.length > 1 ? Integer.parseInt(a[1]) : 2000;
    SparkConf conf = new SparkConf().setMaster(master).setAppName("task-overhead").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
      jsc.setLogLevel("WARN");
      List<Integer> xs = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        xs.add(i);
      }
      jsc.parallelize(xs.subList(0, Math.min(200, tasks)), Math.min(200, tasks)).count(); // warm-up
      long t0 = System.nanoTime();
      long n = jsc.parallelize(xs, tasks).count();
      double s = (System.nanoTime() - t0) * 1e-9;
      System.out.printf(java.util.Locale.ROOT, "%s: %d empty tasks in %.3f s = %.2f ms per task (cores %d)%n", master, n, s, 1e3 * s / tasks,
          jsc.defaultParallelism());
    }
  }
}
