//! Pipeline, bounded: an output of a briefing that brings its own templates
//! (`templates/*.typ`, code from whoever sent it) is made in a child process, the same
//! binary run as `brief __make-output`, with a deadline and a memory ceiling.
//!
//! The child reads what to make as JSON on its standard input, limits its own address
//! space, makes the output exactly as a build would (writing it through a temporary
//! file, so a child stopped half-way leaves the last good PDF in place) and answers with
//! the output's status and diagnostics as JSON. Past the deadline it is killed; past the
//! ceiling its allocations fail and it stops. Either way only that output fails, with an
//! error naming the briefing's template files. Outputs with the embedded templates alone
//! are made in the build's own process, as before.

use std::io::{Read, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;

use super::plan::{Fate, Task};
use super::{Options, Output, OutputStatus, make, parallel, plan};
use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::export::Standards;
use crate::load::{self, LoadedBrief};
use crate::render::{Format, Typesetter};

/// How long the templates of one output may run, and how much memory they may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Evaluation and layout of one output, with its slide fitting and export.
    pub deadline: Duration,
    /// The child's address space, in bytes.
    pub memory: u64,
}

/// The deadline when none is given.
pub(crate) const DEFAULT_DEADLINE_SECS: u64 = 60;

/// The memory ceiling when none is given, in MiB.
pub(crate) const DEFAULT_MEMORY_MIB: u64 = 2048;

impl Default for Limits {
    fn default() -> Self {
        Self { deadline: Duration::from_secs(DEFAULT_DEADLINE_SECS), memory: DEFAULT_MEMORY_MIB << 20 }
    }
}

/// The hidden subcommand the child is run as.
pub(crate) const SUBCOMMAND: &str = "__make-output";

/// What the child is asked to make: one output of one briefing.
#[derive(Serialize, Deserialize)]
struct Request {
    dir: PathBuf,
    lang: String,
    format: String,
    /// The State, for a leave-behind.
    state: Option<String>,
    out: Option<PathBuf>,
    fate: Fate,
    sizes: Option<String>,
    png: Option<u32>,
    emit_typst: Option<PathBuf>,
    standards: String,
    strict: bool,
    memory: u64,
}

/// What the child answers.
#[derive(Serialize, Deserialize)]
struct Answer {
    status: OutputStatus,
    pages: Option<usize>,
    layouts: Option<usize>,
    bytes: Option<usize>,
    sizes: Option<String>,
    diagnostics: Vec<Carried>,
}

/// A diagnostic, as carried from the child to the build.
#[derive(Serialize, Deserialize)]
struct Carried {
    error: bool,
    message: String,
    hints: Vec<String>,
    file: Option<(PathBuf, String)>,
    span: Option<Range<usize>>,
}

impl From<&Diagnostic> for Carried {
    fn from(d: &Diagnostic) -> Self {
        Self {
            error: d.is_error(),
            message: d.message.clone(),
            hints: d.hints.clone(),
            file: d.file.as_ref().map(|f| (f.path.clone(), f.text.clone())),
            span: d.span.clone(),
        }
    }
}

impl Carried {
    fn into_diagnostic(self) -> Diagnostic {
        let severity = if self.error { Severity::Error } else { Severity::Warning };
        let file = self.file.map(|(path, text)| SourceFile::new(path, text));
        Diagnostic { severity, message: self.message, file, span: self.span, hints: self.hints }
    }
}

/// Makes one output in a child process, within `options.limits`.
pub(super) fn make_output(typesetter: &Typesetter, task: Task, options: &Options) -> Output {
    let start = Instant::now();
    let request = Request {
        dir: task.loaded.dir.clone(),
        lang: task.output.lang.clone(),
        format: task.output.format.name().to_owned(),
        state: task.output.state.clone(),
        out: options.out.clone(),
        fate: task.fate,
        sizes: task.sizes.as_ref().map(|s| String::from_utf8_lossy(s).into_owned()),
        png: options.png,
        emit_typst: options.emit_typst.clone(),
        standards: options.standards.to_string(),
        strict: options.strict,
        memory: options.limits.memory,
    };
    let ran = run_child(&request, options.limits.deadline);
    let mut output = match ran {
        Ok(answer) => {
            let sizes = answer.sizes.clone();
            let mut output = apply(task.output.clone_planned(), answer);
            // The preview needs the document in memory: laid out again here, now that the
            // child showed these templates finish within the limits on this very input.
            if options.keep_documents && output.status != OutputStatus::Failed {
                let again =
                    Task { sizes: sizes.map(|s| Bytes::new(s.into_bytes())), fate: Fate::Checked, ..task };
                output.document = make::make_output(typesetter, again, options).document;
            }
            output
        }
        Err(stop) => {
            let mut output = task.output;
            output.diagnostics.push(stop.diagnostic(task.loaded, &output, &options.limits));
            output
        }
    };
    output.time = start.elapsed();
    options.notify(&output);
    output
}

fn apply(mut output: Output, answer: Answer) -> Output {
    output.status = answer.status;
    output.pages = answer.pages;
    output.layouts = answer.layouts;
    output.bytes = answer.bytes;
    output.sizes = answer.sizes.map(|s| Bytes::new(s.into_bytes()));
    output.diagnostics.extend(answer.diagnostics.into_iter().map(Carried::into_diagnostic));
    output
}

/// Why a child gave no answer.
enum Stop {
    /// Still running at the deadline; killed.
    Deadline,
    /// Stopped by an allocation that failed at the memory ceiling.
    Memory,
    /// Anything else: it could not be started, crashed or answered nonsense.
    Crashed(String),
}

impl Stop {
    fn diagnostic(&self, loaded: &LoadedBrief, output: &Output, limits: &Limits) -> Diagnostic {
        let what = format!("`{}` in `{}` ({})", loaded.name, output.lang, output.kind());
        let (message, hint) = match self {
            Stop::Deadline => (
                format!("the briefing's templates ran past the {} s deadline laying out {what}", limits.deadline.as_secs()),
                "a loop in a template may never end, or do far too much work; `--template-timeout SECONDS` \
                 gives templates more time"
                    .to_owned(),
            ),
            Stop::Memory => (
                format!(
                    "the briefing's templates went past the {} MiB memory ceiling laying out {what}",
                    limits.memory >> 20
                ),
                "a template may build ever larger values; `--template-memory MIB` gives templates more memory"
                    .to_owned(),
            ),
            Stop::Crashed(why) => (
                format!("laying out {what} with the briefing's templates stopped: {why}"),
                "the last good PDF was kept".to_owned(),
            ),
        };
        let own = loaded.templates.iter().find(|o| o.name == output.format.template());
        let blamed = own.or(loaded.templates.first());
        let names: Vec<String> =
            loaded.templates.iter().map(|o| format!("`{}`", crate::diag::display_path(&o.path))).collect();
        let diagnostic =
            Diagnostic::error(message).hint(format!("the briefing's templates: {}", names.join(", ")));
        let diagnostic = diagnostic.hint(hint);
        match blamed {
            Some(file) => diagnostic.at(&SourceFile::new(&file.path, file.text.clone()), None),
            None => diagnostic,
        }
    }
}

/// Runs the child, feeding it `request`, and waits at most `deadline` for its answer.
fn run_child(request: &Request, deadline: Duration) -> Result<Answer, Stop> {
    let exe =
        std::env::current_exe().map_err(|e| Stop::Crashed(format!("cannot find `brief` itself: {e}")))?;
    let mut child = Command::new(exe)
        .arg(SUBCOMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Stop::Crashed(format!("cannot start a process: {e}")))?;
    let json = serde_json::to_vec(request).expect("a request serializes");
    if let Some(mut stdin) = child.stdin.take() {
        // A child that stops at once closes its end; its status tells why.
        let _ = stdin.write_all(&json);
    }
    let stdout = read_in_background(child.stdout.take());
    let stderr = read_in_background(child.stderr.take());
    let status = wait(&mut child, deadline);
    let (stdout, stderr) = (stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default());
    let Some(status) = status else { return Err(Stop::Deadline) };
    let stderr = String::from_utf8_lossy(&stderr);
    if stderr.contains("memory allocation of") || killed_for_memory(status) {
        return Err(Stop::Memory);
    }
    if !status.success() {
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(Stop::Crashed(format!("{status}: {}", last.trim())));
    }
    serde_json::from_slice(&stdout).map_err(|e| Stop::Crashed(format!("its answer cannot be read: {e}")))
}

fn read_in_background(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Waits for the child until `deadline`; kills it then. `None` when it was killed.
fn wait(child: &mut Child, deadline: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if start.elapsed() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(25));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Whether the child was stopped by the signals an exhausted allocation ends in.
fn killed_for_memory(status: ExitStatus) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        // SIGABRT: Rust aborts when an allocation fails; SIGKILL: the kernel's OOM killer.
        matches!(status.signal(), Some(6 | 9))
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        false
    }
}

/// The child's side: reads a request on stdin, makes the output, answers on stdout.
pub(crate) fn serve_request() -> std::process::ExitCode {
    let mut json = Vec::new();
    if std::io::stdin().read_to_end(&mut json).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    let Ok(request) = serde_json::from_slice::<Request>(&json) else {
        eprintln!("error: `brief {SUBCOMMAND}` is run by `brief build` itself, with a request on stdin");
        return std::process::ExitCode::from(2);
    };
    // Typst's parallel loops run on rayon's pool: made now, before the ceiling, whose
    // address space its threads' stacks would count against. One thread: the child makes
    // one output, and the build runs one child per core.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
    limit_memory(request.memory);
    let answer = answer(&request);
    let bytes = serde_json::to_vec(&answer).expect("an answer serializes");
    // The answer, for the parent to read: written as it is (the parent prints it nowhere).
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&bytes).and_then(|()| stdout.flush());
    std::process::ExitCode::SUCCESS
}

/// Limits the process's address space to `bytes`: an allocation past it fails.
fn limit_memory(bytes: u64) {
    #[cfg(unix)]
    {
        // A system that refuses the limit still has the deadline.
        let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    }
    #[cfg(not(unix))]
    {
        let _ = bytes;
    }
}

/// Makes the output the request names, as the build that sent it would.
fn answer(request: &Request) -> Answer {
    let failed = |message: String| Answer {
        status: OutputStatus::Failed,
        pages: None,
        layouts: None,
        bytes: None,
        sizes: None,
        diagnostics: vec![Carried::from(&Diagnostic::error(message))],
    };
    let Some(format) = Format::ALL.into_iter().find(|f| f.name() == request.format) else {
        return failed(format!("unknown format `{}`", request.format));
    };
    let standards = match Standards::parse(&request.standards) {
        Ok(standards) => standards,
        Err(e) => return failed(e),
    };
    let (Some(loaded), _) = load::load(&request.dir) else {
        return failed(format!("`{}` can no longer be read", crate::diag::display_path(&request.dir)));
    };
    let options = Options {
        paths: vec![request.dir.clone()],
        langs: vec![request.lang.clone()],
        formats: vec![format],
        out: request.out.clone(),
        strict: request.strict,
        png: request.png,
        emit_typst: request.emit_typst.clone(),
        standards,
        // This is the child: its templates are bounded by its own limits.
        in_process: true,
        ..Options::default()
    };
    let typesetter = Typesetter::new();
    let mut report = super::BuildReport::default();
    let mut tasks = Vec::new();
    plan::plan_brief(&typesetter, &loaded, &options, &mut 0, &mut tasks, &mut report);
    let Some(mut task) = tasks.into_iter().find(|task| task.output.state == request.state) else {
        return failed(format!("`{}` in `{}` cannot be made any more", loaded.name, request.lang));
    };
    task.fate = request.fate;
    task.sizes = request.sizes.clone().map(|s| Bytes::new(s.into_bytes()));
    // On a thread with a large stack, as in a build: Typst's layout recurses deeply.
    let output = parallel::map(vec![task], true, |task| make::make_output(&typesetter, task, &options));
    let Some(output) = output.into_iter().next() else { return failed("nothing was made".to_owned()) };
    Answer {
        status: output.status,
        pages: output.pages,
        layouts: output.layouts,
        bytes: output.bytes,
        sizes: output.sizes.as_ref().map(|s| String::from_utf8_lossy(s).into_owned()),
        diagnostics: output.diagnostics.iter().map(Carried::from).collect(),
    }
}
