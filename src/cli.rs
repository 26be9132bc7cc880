//! Command-line arguments (clap derive). Validation and dispatch live in `cmd`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

/// Turn briefings written as TOML into multilingual PDF handouts and slide decks.
#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    after_help = "Examples:\n  brief build                      build every briefing under briefs/\n  brief build briefs/upr --lang ru build one briefing, in Russian\n  brief check --strict             check everything, write nothing\n  brief i18n status                what each translation lacks"
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
    #[command(
        after_help = "Examples:\n  brief check\n  brief check --strict\n  brief check briefs/russia-behind-bars --lang fr"
    )]
    Check(SelectArgs),
    /// The translators' workflow: status, new languages, updates after the source changed.
    #[command(subcommand)]
    I18n(I18nCommand),
}

/// `brief i18n …`
#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Show each translation's translated, missing, stale and orphaned keys.
    #[command(
        after_help = "Examples:\n  brief i18n status\n  brief i18n status briefs/russia-behind-bars --format json"
    )]
    Status {
        /// Briefing folders, or folders of them [default: briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value = "table")]
        format: StatusFormat,
    },
    /// Write a skeleton `<LANG>.toml` for a new language: every text to translate, empty,
    /// under its source text.
    #[command(
        after_help = "Examples:\n  brief i18n init de\n  brief i18n init pt-BR briefs/russia-behind-bars"
    )]
    Init {
        /// Language code of the new translation, e.g. `de`
        lang: String,
        /// Briefing folders, or folders of them [default: briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Add missing keys to `<LANG>.toml` and mark stale ones; removes nothing, keeps
    /// comments and formatting.
    #[command(
        after_help = "Examples:\n  brief i18n update fr\n  brief i18n update ar briefs/russia-behind-bars"
    )]
    Update {
        /// Language code of the translation
        lang: String,
        /// Briefing folders, or folders of them [default: briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Accept stale translations as still right for the changed source.
    #[command(
        after_help = "Examples:\n  brief i18n confirm fr                       # every stale key\n  brief i18n confirm fr --key issues.prisoners.title"
    )]
    Confirm {
        /// Language code of the translation
        lang: String,
        /// Briefing folders, or folders of them [default: briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only this key (repeatable); all stale keys when none is given
        #[arg(long = "key", value_name = "KEY")]
        keys: Vec<String>,
    },
}

/// How `brief i18n status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// An aligned table, for people.
    Table,
    /// A JSON array, for CI.
    Json,
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
    /// Fail on missing and stale translations, not just warn
    #[arg(long)]
    pub strict: bool,
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
