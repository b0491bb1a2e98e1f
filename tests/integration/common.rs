//! Helpers shared by the integration test modules.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/data/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

/// The bundled seed articles under `data/seeds/`.
pub fn seeds_dir() -> PathBuf {
    root().join("data/seeds")
}

/// The `concord` binary built for this test run.
pub fn concord() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
}
