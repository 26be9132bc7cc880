//! Command-line arguments (clap derive). Validation and dispatch live in `cmd`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::export::Standards;
use crate::export::png::{DEFAULT_DPI, DPI_RANGE};
use crate::pipeline::{DEFAULT_DEADLINE_SECS, DEFAULT_MEMORY_MIB, Shard};
use crate::render::Format;
use crate::terminal::MessageFormat;

/// Turn briefings written as TOML into multilingual PDF handouts and slide decks.
#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    after_help = "Examples:\n  brief new upr-2025               start a briefing in briefs/upr-2025/\n  brief build                      build every briefing under briefs/\n  brief build briefs/upr --lang ru build one briefing, in Russian\n  brief check --strict             check everything, write nothing\n  brief watch --serve              rebuild on every save, preview in a browser\n  brief i18n status                what each translation lacks"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

impl Cli {
    /// The command line, parsed. On a usage error, `--help` or `--version`, prints what
    /// clap says and exits; under GitHub Actions, with no line a workflow command (a value
    /// quoted back may hold `\n::warning::`).
    pub fn parse_command_line() -> Self {
        match Self::try_parse() {
            Ok(cli) => cli,
            Err(error) if crate::terminal::in_github_actions() => {
                let text = error.render().to_string();
                if error.use_stderr() {
                    crate::terminal::err_text(&text);
                } else {
                    crate::terminal::out_text(&text);
                }
                std::process::exit(error.exit_code())
            }
            Err(error) => error.exit(),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build PDFs: every briefing, every language, every format.
    #[command(
        after_help = "Examples:\n  brief build\n  brief build briefs/russia-behind-bars --lang ru --format slides --out dist\n  brief build --png --dpi 96       also write each page as a PNG image\n\nOutputs are named out/<brief>/<brief>.<lang>.<format>.pdf; page images\nout/<brief>/<brief>.<lang>.<format>-<n>.png, n from 1."
    )]
    Build(BuildArgs),
    /// Check briefings and translations as `build` would, writing nothing.
    #[command(
        after_help = "Examples:\n  brief check\n  brief check --strict\n  brief check briefs/russia-behind-bars --lang fr"
    )]
    Check(SelectArgs),
    /// Rebuild what each save changes, until Ctrl-C; preview it in a browser with `--serve`.
    ///
    /// Builds once, then again whenever a briefing, a translation, an image it uses, the
    /// translation lock or a template override is saved. Only the outputs the save changed
    /// are rebuilt.
    #[command(
        after_help = "Examples:\n  brief watch\n  brief watch briefs/russia-behind-bars --lang fr --format handout\n  brief watch --serve              preview at http://127.0.0.1:7777/\n  brief watch --serve --port 8080 --lang en --lang ar\n\nEach rebuild prints one line: what was rebuilt and how long it took, or where\nthe errors are. An output with errors keeps its last good PDF."
    )]
    Watch(WatchArgs),
    /// The translators' workflow: status, new languages, updates after the source changed.
    #[command(
        subcommand,
        after_help = "Examples:\n  brief i18n status                  what each translation lacks\n  brief i18n init de                 start a German translation\n  brief i18n update fr               add missing keys to fr.toml, mark stale ones\n  brief i18n confirm fr              keep the stale French texts as they are"
    )]
    I18n(I18nCommand),
    /// Start a briefing: `briefs/<NAME>/brief.toml`, every field shown by example.
    #[command(
        after_help = "Examples:\n  brief new upr-2025\n  brief new epu-2025 --lang fr        a briefing written in French\n\nIt writes briefs/<NAME>/brief.toml under the current folder (and schema/, for editors,\nif there is none), and never overwrites a briefing."
    )]
    New {
        /// The briefing's folder name: letters, digits, `-` and `_`, e.g. `upr-2025`
        #[arg(value_parser = parse_name)]
        name: String,
        /// Language code of the source text
        #[arg(short, long, value_name = "LANG", default_value = "en", value_parser = parse_lang)]
        lang: String,
    },
    /// Who recommended what last cycle: a row per State and previous recommendation.
    ///
    /// For planning the meetings with delegations: each State that made a previous
    /// recommendation, the issue, the recommendation and how the State under review
    /// answered it (`response`). A joint recommendation gives a row to each of its States.
    #[command(
        after_help = "Examples:\n  brief states\n  brief states briefs/russia-behind-bars --lang fr     States named in French\n  brief states --format csv > states.csv             for a spreadsheet\n  brief states --format json"
    )]
    States {
        /// Briefing folders, or folders of them [default: briefs]
        paths: Vec<PathBuf>,
        /// Name the States in this language [default: each briefing's own]
        #[arg(short, long, value_name = "LANG", value_parser = parse_lang)]
        lang: Option<String>,
        /// How to print
        #[arg(long, value_enum, default_value_t = StatesFormat::Table)]
        format: StatesFormat,
    },
    /// Print the JSON Schema of `brief.toml`, or of translation files, for editors.
    #[command(
        after_help = "Examples:\n  brief schema > schema/brief.schema.json\n  brief schema --translation > schema/translation.schema.json\n\nA file whose first line is `#:schema ../../schema/brief.schema.json` is completed and\nchecked as you type by Taplo and the Even Better TOML editor extension."
    )]
    Schema {
        /// The schema of translation files (`fr.toml`) instead of `brief.toml`
        #[arg(long)]
        translation: bool,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  brief completions bash > ~/.local/share/bash-completion/completions/brief\n  brief completions zsh > ~/.zfunc/_brief\n  brief completions fish > ~/.config/fish/completions/brief.fish\n  brief completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(
        after_help = "Examples:\n  brief man | man -l -\n  brief man --out /usr/local/share/man/man1     brief.1, brief-build.1, brief-i18n-status.1, …"
    )]
    Man {
        /// Write `brief.1` and a page for each subcommand into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Makes one output with a briefing's own templates, for `build` (run by it, in a
    /// process of its own with a deadline and a memory ceiling).
    #[command(name = "__make-output", hide = true)]
    MakeOutput,
}

/// `brief i18n …`
#[derive(Debug, Subcommand)]
pub(crate) enum I18nCommand {
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
        #[arg(value_parser = as_written)]
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
        #[arg(value_parser = as_written)]
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
        #[arg(value_parser = as_written)]
        lang: String,
        /// Briefing folders, or folders of them [default: briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only this key (repeatable); all stale keys when none is given
        #[arg(long = "key", value_name = "KEY")]
        keys: Vec<String>,
    },
    /// Write a translation as a PO or XLIFF 1.2 file for a CAT tool (Weblate, memoQ,
    /// Trados, OmegaT): each text with its key, source, translation, state and a note.
    #[command(
        after_help = "Examples:\n  brief i18n export fr --format po --out fr.po\n  brief i18n export ar --format xliff briefs/russia-behind-bars > ar.xlf\n\nStale texts are marked fuzzy (PO) or needs-translation (XLIFF), with the previous\nsource; markup is kept as tags (XLIFF) or listed in a comment (PO).\nRead the file back with `brief i18n import`."
    )]
    Export {
        /// Language code of the translation
        #[arg(value_parser = as_written)]
        lang: String,
        /// File format
        #[arg(long, value_enum)]
        format: crate::i18n::ExportFormat,
        /// Write here instead of to standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The briefing's folder [default: the one under briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Read a PO or XLIFF file back into `<LANG>.toml`, keeping its comments and layout;
    /// checks every entry first and writes nothing if one is wrong.
    #[command(
        after_help = "Examples:\n  brief i18n import fr.po\n  brief i18n import ar.xlf --lang ar briefs/russia-behind-bars\n\nEntries still fuzzy or needing work are left out. A translation changed in the TOML\nsince the export is a conflict, reported, never overwritten."
    )]
    Import {
        /// The PO (`.po`) or XLIFF (`.xlf`, `.xliff`) file
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Language code of the translation [default: the file's]
        #[arg(long, value_name = "LANG", value_parser = as_written)]
        lang: Option<String>,
        /// The briefing's folder [default: the one under briefs]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// How `brief states` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatesFormat {
    /// An aligned table, for people.
    Table,
    /// Comma-separated values, a header row first, for spreadsheets.
    Csv,
    /// A JSON array, for scripts.
    Json,
}

/// How `brief i18n status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatusFormat {
    /// An aligned table, for people.
    Table,
    /// A JSON array, for CI.
    Json,
}

/// Which briefings, languages and formats.
#[derive(Debug, Args)]
pub(crate) struct Which {
    /// Briefing folders (holding `brief.toml`), or folders of them [default: briefs]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only this language (repeatable), e.g. `--lang ru`
    #[arg(short, long = "lang", value_name = "LANG", value_parser = as_written)]
    pub langs: Vec<String>,
    /// Only this format (repeatable)
    #[arg(short, long = "format", value_name = "FORMAT", value_enum)]
    pub formats: Vec<Format>,
}

/// Which outputs, and how they are checked and reported.
#[derive(Debug, Args)]
pub(crate) struct SelectArgs {
    /// Which briefings, languages and formats.
    #[command(flatten)]
    pub which: Which,
    /// Fail on missing and stale translations, not just warn
    #[arg(long)]
    pub strict: bool,
    /// Print only errors and warnings: no progress, no summary
    #[arg(short, long)]
    pub quiet: bool,
    /// `json`: one JSON object per line on stdout for each output and diagnostic
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    pub message_format: MessageFormat,
    /// PDF standards to meet, comma-separated: `ua-1` (accessible), `a-2a`, `a-2b`, `a-3b`,
    /// `a-2b,ua-1`…, or `none` (plain PDF 1.7, still tagged)
    #[arg(long, value_name = "LIST", default_value = "ua-1", value_parser = Standards::parse)]
    pub pdf_standard: Standards,
    /// Time a briefing's own templates (`templates/*.typ`) may take to lay out one output,
    /// in seconds; past it that output fails and the others are still built
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_DEADLINE_SECS,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub template_timeout: u64,
    /// Memory a briefing's own templates may use to lay out one output, in MiB; past it
    /// that output fails and the others are still built
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MEMORY_MIB,
          value_parser = clap::value_parser!(u64).range(256..=1_048_576))]
    pub template_memory: u64,
}

/// Arguments of `brief build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// What to build.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Rebuild every output, even those whose inputs did not change
    #[arg(long)]
    pub force: bool,
    /// Keep the outputs of briefings, languages and formats that are gone (only report
    /// them); by default they are removed from the output folder
    #[arg(long)]
    pub keep_stale: bool,
    /// Build only the K-th of N disjoint shares of the outputs, e.g. `--shard 2/4`
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Also write each output as a plain Typst project: DIR/<brief>.<lang>.<format>/main.typ
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// Also write each page as a PNG image beside its PDF: <brief>.<lang>.<format>-<n>.png
    #[arg(long)]
    pub png: bool,
    /// Resolution of the page images, in dots per inch (18 to 600)
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_DPI,
        requires = "png",
        value_parser = clap::value_parser!(u32).range(DPI_RANGE)
    )]
    pub dpi: u32,
}

/// Arguments of `brief watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Which briefings, languages and formats.
    #[command(flatten)]
    pub which: Which,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Also serve a preview page on this machine only (127.0.0.1): each output's pages,
    /// errors, two languages side by side
    #[arg(long)]
    pub serve: bool,
    /// Port of the preview page; 0 picks a free one
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT, requires = "serve")]
    pub port: u16,
}

/// The preview page's port when none is given.
const DEFAULT_PORT: u16 = 7777;
/// Checks a new briefing's folder name.
fn parse_name(name: &str) -> Result<String, String> {
    let valid = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(name.to_owned())
    } else {
        Err("a briefing's name may only hold letters, digits, `-` and `_`, e.g. `upr-2025`".to_owned())
    }
}

/// Checks a language code, and writes it as BCP 47 does (`fr` for `FR`, `pt-BR` for
/// `pt-br`), as translation files are named.
fn parse_lang(lang: &str) -> Result<String, String> {
    match icu_locale_core::LanguageIdentifier::try_from_str(lang) {
        Ok(id) => Ok(id.to_string()),
        Err(_) => Err("not a language code; use a BCP 47 code such as `en`, `fr` or `pt-BR`".to_owned()),
    }
}

/// A language code as BCP 47 writes it, if it is one (`fr` for `FR`); anything else as
/// given, for the command to report.
fn as_written(lang: &str) -> Result<String, String> {
    Ok(parse_lang(lang).unwrap_or_else(|_| lang.to_owned()))
}

/// Reads `K/N` (1 ≤ K ≤ N) as a shard.
fn parse_shard(text: &str) -> Result<Shard, String> {
    let (k, n) = text.split_once('/').ok_or("expected K/N, e.g. 1/4")?;
    let k: usize = k.trim().parse().map_err(|_| format!("`{k}` is not a number"))?;
    let n: usize = n.trim().parse().map_err(|_| format!("`{n}` is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("K must be between 1 and N, got {k}/{n}"));
    }
    Ok(Shard { index: k - 1, count: n })
}
