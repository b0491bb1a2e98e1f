//! concord's integration tests: one binary, one module per area, fixtures in `tests/data/`.
//! Tests that need `../shared` are scripts in `scripts/`, not here: `cargo test` must pass on a
//! clone with nothing beside it.

mod common;

mod batch;
mod batch_shard;
mod cli;
mod graph_clusters;
mod graph_dot;
mod graph_fixtures;
mod graph_report;
mod graph_stories;
mod outputs;
mod parser_formats;
mod parser_gold;
mod parser_segmentation;
mod report_html;
mod similarity_dated;
mod similarity_gold;
mod similarity_stories;
mod similarity_tellers;
