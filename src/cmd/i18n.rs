//! `brief i18n status|init|update|confirm|export|import`: the translators' workflow.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{I18nCommand, StatusFormat};
use crate::diag::Diagnostic;
use crate::i18n::{self, Lock};
use crate::load::{self, LoadedBrief, Translation};
use crate::terminal::{self, Edit};

/// Runs one `brief i18n` subcommand.
pub(crate) fn run(command: I18nCommand) -> ExitCode {
    let result = match command {
        I18nCommand::Status { paths, format } => status(paths, format),
        I18nCommand::Init { lang, paths } => for_each_held(paths, |loaded| init(loaded, &lang)),
        I18nCommand::Update { lang, paths } => for_each_held(paths, |loaded| update(loaded, &lang)),
        I18nCommand::Confirm { lang, paths, keys } => {
            for_each_held(paths, |loaded| confirm(loaded, &lang, &keys))
        }
        I18nCommand::Export { lang, format, out, paths } => {
            one_brief(paths, |loaded| super::exchange::export(loaded, &lang, format, out.as_deref()))
        }
        I18nCommand::Import { file, lang, paths } => {
            one_brief(paths, |loaded| super::exchange::import(loaded, &file, lang.as_deref()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostics) => {
            terminal::emit(&diagnostics);
            ExitCode::from(super::INPUT_ERROR)
        }
    }
}

/// The folders of the briefings named by `paths` (by default, those under `briefs/`);
/// fails if one is refused.
fn briefing_folders(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let paths = super::default_paths(paths).map_err(|d| vec![d])?;
    let (dirs, refused) = load::discover(&paths).map_err(|d| vec![d])?;
    if refused.is_empty() { Ok(dirs) } else { Err(refused) }
}

/// Loads every briefing named by `paths`; fails if a source cannot be read.
pub(super) fn load_all(paths: Vec<PathBuf>) -> Result<Vec<LoadedBrief>, Vec<Diagnostic>> {
    let dirs = briefing_folders(paths)?;
    let mut briefs = Vec::new();
    for dir in dirs {
        match load::load(&dir) {
            (Some(loaded), _) => briefs.push(loaded),
            (None, diagnostics) => return Err(diagnostics),
        }
    }
    Ok(briefs)
}

/// Runs `action` on the one briefing named by `paths`, holding its translation lock.
fn one_brief(
    paths: Vec<PathBuf>,
    action: impl FnOnce(&LoadedBrief) -> Result<(), Vec<Diagnostic>>,
) -> Result<(), Vec<Diagnostic>> {
    let dirs = briefing_folders(paths)?;
    let [dir] = dirs.as_slice() else {
        let found = dirs.iter().map(|d| format!("`{}`", d.display())).collect::<Vec<_>>().join(", ");
        return Err(vec![
            Diagnostic::error(format!("this needs one briefing; found {}", dirs.len()))
                .hint(format!("name its folder, one of: {found}")),
        ]);
    };
    let _held = Lock::hold(dir).map_err(|d| vec![d])?;
    match load::load(dir) {
        (Some(loaded), _) => action(&loaded),
        (None, diagnostics) => Err(diagnostics),
    }
}

/// Runs `action` on each briefing named by `paths`, holding its translation lock from
/// before the briefing is read until its files are written: two runs at once (two
/// languages, in two CI jobs) take turns, and each reads what the other wrote.
fn for_each_held(
    paths: Vec<PathBuf>,
    mut action: impl FnMut(&LoadedBrief) -> Result<(), Diagnostic>,
) -> Result<(), Vec<Diagnostic>> {
    let dirs = briefing_folders(paths)?;
    let mut errors = Vec::new();
    for dir in dirs {
        let _held = Lock::hold(&dir).map_err(|d| vec![d])?;
        match load::load(&dir) {
            (Some(loaded), _) => errors.extend(action(&loaded).err()),
            (None, diagnostics) => return Err(diagnostics),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

fn status(paths: Vec<PathBuf>, format: StatusFormat) -> Result<(), Vec<Diagnostic>> {
    let mut statuses = Vec::new();
    for loaded in load_all(paths)? {
        let lock = Lock::read(&loaded.folder).map_err(|d| vec![d])?;
        statuses.extend(loaded.translations.iter().map(|t| i18n::status(&loaded, t, &lock)));
    }
    terminal::out_text(&terminal::status_table(&statuses, format == StatusFormat::Json));
    Ok(())
}

fn init(loaded: &LoadedBrief, lang: &str) -> Result<(), Diagnostic> {
    terminal::print_edit(Edit::Init, &i18n::init(loaded, lang)?);
    Ok(())
}

pub(super) fn translation<'a>(loaded: &'a LoadedBrief, lang: &str) -> Result<&'a Translation, Diagnostic> {
    loaded.translations.iter().find(|t| t.lang == lang).ok_or_else(|| {
        Diagnostic::error(format!("`{}` has no `{lang}.toml`", loaded.name))
            .hint(format!("start one with `brief i18n init {lang}`"))
    })
}

/// Refuses to edit a translation, or the lock, that is a link or read-only, before
/// anything is written: `build` does not read a translation through a link that leads
/// out, and nothing is written through one.
pub(super) fn check_writable(loaded: &LoadedBrief, translation: &Translation) -> Result<(), Diagnostic> {
    for path in [translation.file.path.clone(), Lock::path(&loaded.dir)] {
        crate::folder::write::check_writable(&path).map_err(|e| {
            Diagnostic::io("update", &path, &e)
                .hint("a translation and the lock are edited in place, as files")
        })?;
    }
    Ok(())
}

fn update(loaded: &LoadedBrief, lang: &str) -> Result<(), Diagnostic> {
    let translation = translation(loaded, lang)?;
    check_writable(loaded, translation)?;
    let mut lock = Lock::read(&loaded.folder)?;
    terminal::print_edit(Edit::Update, &i18n::update(loaded, translation, &mut lock)?);
    Ok(())
}

fn confirm(loaded: &LoadedBrief, lang: &str, keys: &[String]) -> Result<(), Diagnostic> {
    let translation = translation(loaded, lang)?;
    check_writable(loaded, translation)?;
    let mut lock = Lock::read(&loaded.folder)?;
    terminal::print_edit(Edit::Confirm, &i18n::confirm(loaded, translation, &mut lock, keys)?);
    Ok(())
}
