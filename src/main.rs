//! The `brief` binary: parse the command line, run the command, return its exit code.

use std::process::ExitCode;

/// Typst allocates and frees many small objects on every thread; mimalloc does that
/// without the lock contention of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    brief::cmd::run(brief::cli::Cli::parse_command_line())
}
