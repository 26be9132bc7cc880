//! `brief i18n status|init|update|confirm`: the translators' workflow.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::cli::{I18nCommand, StatusFormat};
use crate::diag::{self, Diagnostic, display_path};
use crate::i18n::{self, Lock, State, Status};
use crate::load::{self, LoadedBrief};

/// Runs one `brief i18n` subcommand.
pub fn run(command: I18nCommand) -> ExitCode {
    let result = match command {
        I18nCommand::Status { paths, format } => status(paths, format),
        I18nCommand::Init { lang, paths } => for_each_brief(paths, |loaded| init(loaded, &lang)),
        I18nCommand::Update { lang, paths } => for_each_brief(paths, |loaded| update(loaded, &lang)),
        I18nCommand::Confirm { lang, paths, keys } => {
            for_each_brief(paths, |loaded| confirm(loaded, &lang, &keys))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostics) => {
            diag::emit(&diagnostics);
            ExitCode::from(super::INPUT_ERROR)
        }
    }
}

/// Loads every briefing named by `paths`; fails if a source cannot be read.
fn load_all(paths: Vec<PathBuf>) -> Result<Vec<LoadedBrief>, Vec<Diagnostic>> {
    let paths = super::default_paths(paths).map_err(|d| vec![d])?;
    let dirs = load::discover(&paths).map_err(|d| vec![d])?;
    let mut briefs = Vec::new();
    for dir in dirs {
        match load::load(&dir) {
            (Some(loaded), _) => briefs.push(loaded),
            (None, diagnostics) => return Err(diagnostics),
        }
    }
    Ok(briefs)
}

fn for_each_brief(
    paths: Vec<PathBuf>,
    mut action: impl FnMut(&LoadedBrief) -> Result<(), Diagnostic>,
) -> Result<(), Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = load_all(paths)?.iter().filter_map(|loaded| action(loaded).err()).collect();
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

fn status(paths: Vec<PathBuf>, format: StatusFormat) -> Result<(), Vec<Diagnostic>> {
    let mut statuses = Vec::new();
    for loaded in load_all(paths)? {
        let lock = Lock::read(&loaded.dir).map_err(|d| vec![d])?;
        statuses.extend(loaded.translations.iter().map(|t| i18n::status(&loaded, t, &lock)));
    }
    match format {
        StatusFormat::Table => print_table(&statuses),
        StatusFormat::Json => {
            let rows: Vec<_> = statuses.iter().map(status_json).collect();
            println!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        }
    }
    Ok(())
}

fn print_table(statuses: &[Status]) {
    let width = statuses.iter().map(|s| s.brief.len()).max().unwrap_or(5).max(5);
    println!(
        "{:<width$}  {:<6}  {:>10}  {:>7}  {:>5}  {:>8}  {:>8}",
        "BRIEF", "LANG", "TRANSLATED", "MISSING", "STALE", "ORPHANED", "COMPLETE"
    );
    for s in statuses {
        println!(
            "{:<width$}  {:<6}  {:>10}  {:>7}  {:>5}  {:>8}  {:>7}%",
            s.brief,
            s.lang,
            s.count(State::Translated),
            s.count(State::Missing),
            s.count(State::Stale),
            s.orphaned.len(),
            s.percent()
        );
    }
    for s in statuses {
        let stale = s.keys_in(State::Stale).map(|k| (k, "stale"));
        let orphaned = s.orphaned.iter().map(|k| (k.as_str(), "orphaned: not in the source"));
        let missing = s.keys_in(State::Missing).map(|k| (k, "missing"));
        for (key, what) in stale.chain(orphaned).chain(missing) {
            println!("{}: {}: `{key}` {what}", s.brief, s.lang);
        }
    }
}

fn status_json(s: &Status) -> serde_json::Value {
    json!({
        "brief": s.brief,
        "lang": s.lang,
        "keys": s.keys.len(),
        "translated": s.count(State::Translated),
        "missing": s.count(State::Missing),
        "stale": s.count(State::Stale),
        "orphaned": s.orphaned.len(),
        "complete": s.percent(),
        "missing-keys": s.keys_in(State::Missing).collect::<Vec<_>>(),
        "stale-keys": s.keys_in(State::Stale).collect::<Vec<_>>(),
        "orphaned-keys": s.orphaned,
    })
}

fn init(loaded: &LoadedBrief, lang: &str) -> Result<(), Diagnostic> {
    let outcome = i18n::init(loaded, lang)?;
    println!("{}", display_path(&outcome.file));
    eprintln!("{} key(s) to translate", outcome.added.len());
    Ok(())
}

fn translation<'a>(loaded: &'a LoadedBrief, lang: &str) -> Result<&'a load::Translation, Diagnostic> {
    loaded.translations.iter().find(|t| t.lang == lang).ok_or_else(|| {
        Diagnostic::error(format!("`{}` has no `{lang}.toml`", loaded.name))
            .hint(format!("start one with `brief i18n init {lang}`"))
    })
}

fn update(loaded: &LoadedBrief, lang: &str) -> Result<(), Diagnostic> {
    let translation = translation(loaded, lang)?;
    let mut lock = Lock::read(&loaded.dir)?;
    let outcome = i18n::update(loaded, translation, &mut lock)?;
    println!("{}", display_path(&outcome.file));
    for key in &outcome.added {
        eprintln!("added `{key}`");
    }
    for key in &outcome.stale {
        eprintln!("stale `{key}`: marked with a `# STALE` comment holding the new source text");
    }
    eprintln!("{} current, {} added, {} stale", outcome.current, outcome.added.len(), outcome.stale.len());
    Ok(())
}

fn confirm(loaded: &LoadedBrief, lang: &str, keys: &[String]) -> Result<(), Diagnostic> {
    let translation = translation(loaded, lang)?;
    let mut lock = Lock::read(&loaded.dir)?;
    let outcome = i18n::confirm(loaded, translation, &mut lock, keys)?;
    eprintln!("confirmed {} key(s) of `{}`", outcome.current, display_path(&outcome.file));
    Ok(())
}
