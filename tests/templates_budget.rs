//! User templates (`--templates DIR`) are rendered under a budget: loops,
//! memory, output size, time, nesting and recursion are bounded, and each
//! breach is an error naming the template. Every run of the real binary here
//! has a memory cap (`ulimit -v`) and a timeout, so a regression fails the
//! test instead of taking the machine down.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{EPOCH, sample};
use tempfile::TempDir;

/// The address space a run may use, in KiB: far above what a plan needs,
/// far below what would endanger the test machine.
const MEMORY_CAP_KIB: u64 = 3 * 1024 * 1024;

/// How long a run may take before the test kills it and fails.
const TIMEOUT: Duration = Duration::from_secs(30);

struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs dgplan with `args` under the memory cap, killing it after [`TIMEOUT`].
fn capped(args: &[&str]) -> Run {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_CAP_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_dgplan"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dgplan {args:?} ran longer than {TIMEOUT:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap();
    Run {
        code: status.code(),
        stderr,
    }
}

/// A templates folder holding `files`, and an output folder inside the
/// same temporary folder.
fn templates(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("templates").join(name), text).unwrap();
    }
    dir
}

/// Generates the Fiji sample with the templates in `dir/templates` into `dir/out`.
fn generate_fiji(dir: &Path) -> Run {
    capped(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--out",
        &dir.join("out").display().to_string(),
        "--templates",
        &dir.join("templates").display().to_string(),
    ])
}

/// The run failed as a user error (exit 1, never an abort), named
/// `template` and wrote nothing.
fn refused(run: &Run, dir: &Path, template: &str) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(template),
        "the message names {template}:\n{}",
        run.stderr
    );
    assert!(
        !dir.join("out").join("fji").exists(),
        "nothing is written:\n{}",
        run.stderr
    );
}

#[test]
fn a_huge_range_is_refused_naming_the_template() {
    let dir = templates(&[(
        "roadmap.md",
        "# Roadmap\n\n{% for i in range(end=1000000000000) %}{{ i }}{% endfor %}\n",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("100000"), "{}", run.stderr);
    assert!(run.stderr.contains("roadmap.md:3"), "{}", run.stderr);
    assert!(run.stderr.contains("smaller end"), "{}", run.stderr);
}

#[test]
fn string_doubling_is_stopped_by_the_memory_budget() {
    let dir = templates(&[(
        "roadmap.md",
        "# Roadmap\n\n{% set s = \"x\" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}\n",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("memory"), "{}", run.stderr);
    assert!(run.stderr.contains("MiB"), "{}", run.stderr);
}

#[test]
fn a_huge_document_is_refused_by_the_output_limit() {
    // 200,000 lines of 100 characters: 20 MB, more than the 8 MiB limit but
    // within the memory budget.
    let line = "x".repeat(100);
    let text =
        format!("# Roadmap\n\n{{% for i in range(end=100000) %}}{line}\n{line}\n{{% endfor %}}\n");
    let dir = templates(&[("roadmap.md", &text)]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("8 MiB"), "{}", run.stderr);
}

#[test]
fn a_template_that_runs_too_long_is_stopped() {
    // 10^15 loop turns that print nothing: only the clock stops them.
    let text = "# Roadmap\n\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}\n";
    let dir = templates(&[("roadmap.md", text)]);
    let started = Instant::now();
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("seconds"), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(25));
}

#[test]
fn a_template_that_includes_itself_is_refused() {
    let dir = templates(&[("roadmap.md", "# Roadmap\n\n{% include \"roadmap.md\" %}\n")]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md:3");
    assert!(
        run.stderr.contains("includes or imports itself"),
        "{}",
        run.stderr
    );
}

#[test]
fn templates_that_include_each_other_are_refused() {
    let dir = templates(&[
        ("roadmap.md", "# Roadmap\n\n{% include \"part.md\" %}\n"),
        ("part.md", "Part\n{% include \"roadmap.md\" %}\n"),
    ]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "part.md");
    assert!(
        run.stderr.contains("roadmap.md -> part.md -> roadmap.md")
            || run.stderr.contains("part.md -> roadmap.md -> part.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_that_imports_itself_is_refused() {
    let dir = templates(&[(
        "macros.md",
        "{% import \"macros.md\" as m %}\n\
         {% macro list(items) %}{% endmacro list %}\n\
         {% macro joined(items, none=\"none\") %}{% endmacro joined %}\n\
         {% macro component_table(components) %}{% endmacro component_table %}\n",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "macros.md:1");
    assert!(run.stderr.contains("imports itself"), "{}", run.stderr);
}

#[test]
fn a_long_chain_of_operators_is_refused() {
    let text = format!("# Roadmap\n\n{{{{ 1{} }}}}\n", "+1".repeat(200_000));
    let dir = templates(&[("roadmap.md", &text)]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md:3");
    assert!(run.stderr.contains("100 operators"), "{}", run.stderr);
}

#[test]
fn a_recursive_macro_is_refused() {
    let dir = templates(&[(
        "macros.md",
        "{% macro list(items) %}{{ self::list(items=items) }}{% endmacro list %}\n\
         {% macro joined(items, none=\"none\") %}{{ items | join(sep=\", \") }}{% endmacro joined %}\n\
         {% macro component_table(components) %}{% endmacro component_table %}\n",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "macros.md:1");
    assert!(run.stderr.contains("`list`"), "{}", run.stderr);
}

#[test]
fn macros_that_call_each_other_are_refused() {
    let dir = templates(&[(
        "macros.md",
        "{% macro list(items) %}{{ self::joined(items=items) }}{% endmacro list %}\n\
         {% macro joined(items, none=\"none\") %}{{ self::list(items=items) }}{% endmacro joined %}\n\
         {% macro component_table(components) %}{% endmacro component_table %}\n",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "macros.md");
    assert!(run.stderr.contains("calls itself"), "{}", run.stderr);
}

#[test]
fn deeply_nested_ifs_are_refused() {
    let text = format!(
        "# Roadmap\n\n{}x{}\n",
        "{% if true %}".repeat(5000),
        "{% endif %}".repeat(5000)
    );
    let dir = templates(&[("roadmap.md", &text)]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md:3");
    assert!(run.stderr.contains("100 levels"), "{}", run.stderr);
}

#[test]
fn deeply_nested_brackets_are_refused() {
    let text = format!(
        "# Roadmap\n\n{{{{ {}1{} }}}}\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let dir = templates(&[("roadmap.md", &text)]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md:3");
    assert!(run.stderr.contains("100 levels"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_template_linked_from_outside_the_folder_is_refused() {
    let dir = templates(&[]);
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, "# secret\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("templates/roadmap.md")).unwrap();
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("outside"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_named_pipe_is_refused_without_waiting() {
    let dir = templates(&[]);
    let fifo = dir.path().join("templates/roadmap.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("named pipe"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_template_linked_within_the_folder_is_used() {
    let dir = templates(&[("my-roadmap.txt", "# My roadmap\n")]);
    std::os::unix::fs::symlink("my-roadmap.txt", dir.path().join("templates/roadmap.md")).unwrap();
    let run = generate_fiji(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let roadmap = std::fs::read_to_string(dir.path().join("out/fji/roadmap.md")).unwrap();
    assert_eq!(roadmap, "# My roadmap\n");
}

#[test]
fn templates_named_like_no_builtin_are_warned_about() {
    let dir = templates(&[("Roadmap.md", "# Mine\n"), ("evil.md", "# Evil\n")]);
    let run = generate_fiji(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|l| l.contains("Roadmap.md") && l.contains("Did you mean `roadmap.md`?")),
        "{}",
        run.stderr
    );
    assert!(
        warnings
            .iter()
            .any(|l| l.contains("evil.md") && l.contains("master-plan.md, roadmap.md")),
        "{}",
        run.stderr
    );
    // The built-in roadmap is used: the misnamed file replaced nothing.
    let roadmap = std::fs::read_to_string(dir.path().join("out/fji/roadmap.md")).unwrap();
    assert!(!roadmap.contains("# Mine"));
}

#[test]
fn a_partial_included_by_a_template_is_not_warned_about() {
    let dir = templates(&[
        ("roadmap.md", "# Roadmap\n\n{% include \"part.md\" %}\n"),
        ("part.md", "A part.\n"),
    ]);
    let run = generate_fiji(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn exported_templates_render_byte_identically() {
    let dir = TempDir::new().unwrap();
    let exported = dir.path().join("templates");
    let export = capped(&["templates", "export", &exported.display().to_string()]);
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let with = generate_fiji(dir.path());
    assert_eq!(with.code, Some(0), "{}", with.stderr);
    assert!(with.stderr.is_empty(), "{}", with.stderr);
    let builtin = dir.path().join("builtin");
    let without = capped(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--out",
        &builtin.display().to_string(),
    ]);
    assert_eq!(without.code, Some(0), "{}", without.stderr);
    for name in [
        "master-plan.md",
        "roadmap.md",
        "master-plan.pdf",
        "plan.json",
    ] {
        let a = std::fs::read(dir.path().join("out/fji").join(name)).unwrap();
        let b = std::fs::read(builtin.join("fji").join(name)).unwrap();
        assert!(a == b, "{name} differs with the exported templates");
    }
}

/// `count` templates `p0.md`..., each including the next inside `ifs`
/// nested `{% if %}`s, with `roadmap.md` including `p0.md`.
fn include_chain(count: usize, ifs: usize) -> Vec<(String, String)> {
    let mut files = vec![(
        "roadmap.md".to_string(),
        "# Roadmap\n\n{% include \"p0.md\" %}\n".to_string(),
    )];
    for n in 0..count {
        let inner = if n + 1 < count {
            format!("{{% include \"p{}.md\" %}}", n + 1)
        } else {
            "end".to_string()
        };
        let text = format!(
            "{}{inner}{}\n",
            "{% if true %}".repeat(ifs),
            "{% endif %}".repeat(ifs)
        );
        files.push((format!("p{n}.md"), text));
    }
    files
}

fn templates_owned(files: &[(String, String)]) -> TempDir {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    templates(&borrowed)
}

#[test]
fn a_document_of_too_many_pages_is_refused() {
    // Each part opens a page.
    let dir = templates(&[(
        "master-plan.md",
        "{% for r in range(end=1100) %}<!-- pdf:part -->\n# h\n{% endfor %}",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "master-plan.md");
    assert!(run.stderr.contains("1000 pages"), "{}", run.stderr);
}

#[test]
fn a_document_of_a_huge_contents_is_refused_before_layout() {
    let dir = templates(&[(
        "master-plan.md",
        "{% for r in range(end=100000) %}# h\n{% endfor %}",
    )]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "master-plan.md");
    assert!(run.stderr.contains("1000 pages"), "{}", run.stderr);
}

#[test]
fn a_table_of_too_many_columns_is_refused() {
    let row = "|a".repeat(5000) + "|\n";
    let rule = "|-".repeat(5000) + "|\n";
    let text = format!("# Roadmap\n\n{row}{rule}{}", row.repeat(20));
    let dir = templates(&[("roadmap.md", &text)]);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("5000 columns"), "{}", run.stderr);
    assert!(run.stderr.contains("50"), "{}", run.stderr);
}

#[test]
fn a_folder_of_too_many_templates_is_refused() {
    let files = include_chain(150, 0);
    let dir = templates_owned(&files);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "templates");
    assert!(run.stderr.contains("151 .md files"), "{}", run.stderr);
    assert!(run.stderr.contains("at most 100"), "{}", run.stderr);
}

#[test]
fn a_folder_of_too_many_bytes_is_refused() {
    let big = "x".repeat(1_000_000);
    let names: Vec<String> = (0..9).map(|n| format!("part{n}.md")).collect();
    let files: Vec<(String, String)> = names.iter().map(|n| (n.clone(), big.clone())).collect();
    let dir = templates_owned(&files);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "templates");
    assert!(run.stderr.contains("8 MiB"), "{}", run.stderr);
}

#[test]
fn nesting_is_counted_across_includes() {
    // 40 files of 3 levels each: every file alone is shallow.
    let dir = templates_owned(&include_chain(40, 3));
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("100 levels"), "{}", run.stderr);
    assert!(run.stderr.contains("p0.md -> p1.md"), "{}", run.stderr);
}

#[test]
fn a_long_chain_of_macros_is_refused_without_overflow() {
    let mut files = vec![(
        "roadmap.md".to_string(),
        "{% import \"m0.md\" as m0 %}# Roadmap\n\n{{ m0::f0() }}\n".to_string(),
    )];
    let per_file = 3000;
    let count = 10;
    for file in 0..count {
        let mut text = String::new();
        if file + 1 < count {
            text += &format!("{{% import \"m{}.md\" as next %}}", file + 1);
        }
        for m in 0..per_file {
            let call = if m + 1 < per_file {
                format!("self::f{}()", m + 1)
            } else if file + 1 < count {
                "next::f0()".to_string()
            } else {
                "1".to_string()
            };
            text += &format!("{{% macro f{m}() %}}{{{{ {call} }}}}{{% endmacro %}}\n");
        }
        files.push((format!("m{file}.md"), text));
    }
    let dir = templates_owned(&files);
    let run = generate_fiji(dir.path());
    refused(&run, dir.path(), "roadmap.md");
    assert!(run.stderr.contains("100 levels"), "{}", run.stderr);
}

#[test]
fn warnings_about_unused_templates_are_capped() {
    let files: Vec<(String, String)> = (0..50)
        .map(|n| (format!("extra{n:02}.md"), "x\n".to_string()))
        .collect();
    let dir = templates_owned(&files);
    let run = generate_fiji(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let warnings = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .count();
    assert_eq!(warnings, 21, "{}", run.stderr);
    assert!(run.stderr.contains("... and 30 more"), "{}", run.stderr);
}

#[test]
fn a_template_with_a_capitalised_extension_is_found() {
    let dir = templates(&[("Roadmap.MD", "# Mine\n")]);
    let run = generate_fiji(dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("Roadmap.MD") && run.stderr.contains("Did you mean `roadmap.md`?"),
        "{}",
        run.stderr
    );
}
