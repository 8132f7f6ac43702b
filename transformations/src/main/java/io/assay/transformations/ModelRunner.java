package io.assay.transformations;

import io.assay.lake.LakeLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages and commits models. Staging writes only under the staging root; nothing reaches a target
 * table before {@link #commit}. A model is staged against its sources as committed, so a model
 * whose source was staged in this runner but not yet committed is refused: the orchestration is
 * stage Silver, gate, commit Silver, then stage Gold, gate, commit Gold.
 *
 * <p>Models run in a sibling session of the caller's (see {@link ModelSession}); the staged
 * DataFrames belong to it and can be used with the caller's DataFrames as usual.
 */
public final class ModelRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRunner.class);
  private final ModelCatalog catalog;
  private final StagingArea staging;
  private final NewKeysStager newKeys;
  private final DayReplacingStager dayReplacing;
  private final ModelCommitter committer;
  private final Set<String> stagedNotCommitted = new HashSet<>();
  private final StepTimes times;

  public ModelRunner(SparkSession caller, TransformSettings settings, ModelCatalog catalog) {
    this(caller, settings, catalog, new StepTimes());
  }

  /** As above, adding each model's stage and commit wall time to {@code times}. */
  public ModelRunner(SparkSession caller, TransformSettings settings, ModelCatalog catalog, StepTimes times) {
    this.catalog = catalog;
    this.times = times;
    SparkSession spark = ModelSession.isolatedFrom(caller);
    LakeTables lake = new LakeTables(spark, settings);
    ModelState state = new ModelState(spark, settings.modelStatePath());
    this.staging = new StagingArea(spark, settings);
    this.newKeys = new NewKeysStager(spark, lake, state, staging);
    this.dayReplacing = new DayReplacingStager(spark, lake, state, staging);
    this.committer = new ModelCommitter(state, settings.runId());
  }

  public StagedModel stage(String modelName) {
    Model model = catalog.get(modelName);
    for (String source : model.modelSources()) {
      if (stagedNotCommitted.contains(source)) {
        throw new IllegalStateException(modelName + " reads " + source + ", which is staged but not committed; "
            + "commit " + source + " before staging " + modelName + " (models read their sources as committed)");
      }
    }
    long started = System.nanoTime();
    StagedModel staged = model.header().replacesDays() ? dayReplacing.stage(model) : newKeys.stage(model);
    times.add(modelName, "stage", System.nanoTime() - started);
    LOG.info("{}: staged ({}) in {} ms", modelName, staged.write(), (System.nanoTime() - started) / 1_000_000);
    if (staged.write() != StagedModel.Write.NONE) {
      stagedNotCommitted.add(modelName);
    }
    return staged;
  }

  public void commit(StagedModel staged) {
    commitAll(List.of(staged));
  }

  /** The wall times this runner recorded (and its caller added to). */
  public StepTimes times() {
    return times;
  }

  /** Stages every model of a layer in run order; the layer's models must not read each other. */
  public List<StagedModel> stageLayer(String layer) {
    List<StagedModel> staged = new ArrayList<>();
    for (Model model : catalog.layer(layer)) {
      staged.add(stage(model.name()));
    }
    return staged;
  }

  /** Writes each staged model's table, then advances their state in one {@code _model_state} commit. */
  public void commitAll(List<StagedModel> staged) {
    List<StagedModel> written = new ArrayList<>();
    for (StagedModel model : staged) {
      write(model, written);
    }
    recordState(written);
  }

  private void write(StagedModel model, List<StagedModel> written) {
    long started = System.nanoTime();
    if (committer.write(model)) {
      written.add(model);
    }
    long elapsed = System.nanoTime() - started;
    times.add(model.name(), "commit", elapsed);
    LOG.info("{}: commit took {} ms", model.name(), elapsed / 1_000_000);
    stagedNotCommitted.remove(model.name());
  }

  private void recordState(List<StagedModel> written) {
    long started = System.nanoTime();
    committer.recordState(written);
    times.add(LakeLayout.MODEL_STATE_TABLE, "commit", System.nanoTime() - started);
  }

  /** Stage and commit each model of a layer in run order, without gates. */
  public List<StagedModel> runLayer(String layer) {
    List<StagedModel> done = new ArrayList<>();
    List<StagedModel> written = new ArrayList<>();
    for (Model model : catalog.layer(layer)) {
      StagedModel staged = stage(model.name());
      write(staged, written); // before the next model is staged: it may read this one
      done.add(staged);
    }
    recordState(written);
    return done;
  }

  /**
   * Writes rows derived from staged increments (a quarantine split) under this run's staging folder
   * and reads them back, so what is verified, committed and set aside are the same files.
   */
  public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> materialise(String name,
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows) {
    return staging.materialise(name, rows, java.util.List.of()).rows();
  }

  /** Deletes this run's staging folder; call after the last commit (staged increments are read from it). */
  public void cleanupStaging() {
    staging.delete();
  }
}
