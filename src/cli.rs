//! Command-line arguments (clap derive). Validation and dispatch live in `cmd`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

/// Turn briefings written as TOML into multilingual PDF handouts and slide decks.
#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    after_help = "Examples:\n  brief build                      build every briefing under briefs/\n  brief build briefs/upr --lang ru build one briefing, in Russian\n  brief check                      check everything, write nothing"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs: every briefing, every language, every format.
    #[command(
        after_help = "Examples:\n  brief build\n  brief build briefs/russia-behind-bars --lang ru --format slides --out dist\n\nOutputs are named out/<brief>/<brief>.<lang>.<format>.pdf."
    )]
    Build(BuildArgs),
    /// Check briefings and translations as `build` would, writing nothing.
    #[command(after_help = "Examples:\n  brief check\n  brief check briefs/russia-behind-bars --lang fr")]
    Check(SelectArgs),
}

/// Which briefings, languages and formats.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Briefing folders (holding `brief.toml`), or folders of them [default: briefs]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only this language (repeatable), e.g. `--lang ru`
    #[arg(short, long = "lang", value_name = "LANG")]
    pub langs: Vec<String>,
    /// Only this format (repeatable)
    #[arg(short, long = "format", value_name = "FORMAT", value_enum)]
    pub formats: Vec<Format>,
}

/// Arguments of `brief build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// What to build.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}
