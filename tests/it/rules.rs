//! The rule catalogue: every rule of `recouvre::rules::ALL` has a fixture in
//! `tests/fixtures/rules/<CODE>.yaml` that produces it at its level, with a reviewed message
//! (file:line:column, field, cause, fix); the README lists exactly these rules.
//!
//! A fixture is checked with `recouvre check` unless its header says otherwise:
//! `# commande: plan --etape injonction_de_payer` (rules of the plan) or `# commande: build`
//! (rules met while reading the pièces). Pièce files a fixture names live in
//! `tests/fixtures/rules/<CODE>/`.

use std::path::{Path, PathBuf};

use recouvre::diag::Level;
use recouvre::rules::{ALL, Rule};

use crate::support::{recouvre, root};

const DIR: &str = "tests/fixtures/rules";

/// Rules whose fixture is knowingly missing, with the reason: skipped only until the rule exists.
/// Empty: every rule has its fixture.
const PENDING: &[(&str, &str)] = &[];
fn fixture(code: &str) -> PathBuf {
    root().join(DIR).join(format!("{code}.yaml"))
}

/// The command a fixture asks for in its `# commande:` header line (default: `check`).
fn command_of(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# commande:"))
        .map(|c| c.split_whitespace().map(str::to_string).collect())
        .unwrap_or_else(|| vec!["check".to_string()])
}

struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs the fixture's command from the repository root, so messages name `tests/fixtures/…`.
fn run(code: &str, out: &Path) -> Run {
    let command = command_of(&fixture(code));
    let relative = format!("{DIR}/{code}.yaml");
    let mut cmd = recouvre();
    cmd.current_dir(root()).arg(&command[0]).arg(&relative).args(&command[1..]);
    if matches!(command[0].as_str(), "build" | "plan") {
        cmd.arg("-o").arg(out);
    }
    let output = cmd.output().expect("run recouvre");
    Run { code: output.status.code(), stderr: String::from_utf8_lossy(&output.stderr).into_owned() }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Error => "erreur",
        Level::Warning => "avertissement",
    }
}

/// The diagnostic blocks (first line and its `aide :` lines) of one rule.
fn blocks_of(stderr: &str, rule: &Rule) -> Vec<String> {
    let marker = format!(" {}: ", rule.code);
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in stderr.lines() {
        if line.starts_with("  ") {
            if let Some(block) = current.as_mut() {
                block.push('\n');
                block.push_str(line);
            }
            continue;
        }
        blocks.extend(current.take());
        if line.contains(&marker) {
            current = Some(line.to_string());
        }
    }
    blocks.extend(current);
    blocks
}

/// Paths that change from machine to machine. Dates are left as they are: the binary runs with a
/// fixed « today » (`RECOUVRE_AUJOURDHUI`, see `support::recouvre`), so no message depends on the clock.
fn redact(text: &str, out: &Path) -> String {
    let mut text = text.replace(&out.display().to_string(), "[SORTIE]");
    if let Ok(canonical) = root().canonicalize() {
        text = text.replace(&canonical.display().to_string(), "[RACINE]");
    }
    text.replace(&root().display().to_string(), "[RACINE]")
}

#[test]
fn every_rule_has_a_fixture_that_produces_it_at_its_level() {
    let mut problems = Vec::new();
    let mut messages = Vec::new();
    for rule in ALL {
        if let Some((_, why)) = PENDING.iter().find(|(code, _)| *code == rule.code) {
            eprintln!("{} : fixture ignorée pour l'instant — {why}", rule.code);
            continue;
        }
        if !fixture(rule.code).is_file() {
            problems.push(format!("{}: no fixture {DIR}/{}.yaml", rule.code, rule.code));
            continue;
        }
        let out = tempfile::tempdir().expect("tempdir");
        let run = run(rule.code, out.path());
        if run.code == Some(101) || run.code.is_none() {
            problems.push(format!("{}: recouvre crashed ({:?}):\n{}", rule.code, run.code, run.stderr));
            continue;
        }
        let blocks = blocks_of(&run.stderr, rule);
        let expected = format!(": {} {}: ", level_word(rule.level), rule.code);
        if !blocks.iter().any(|b| b.contains(&expected)) {
            problems.push(format!("{}: fixture does not produce « {expected} »; stderr:\n{}", rule.code, run.stderr));
            continue;
        }
        if rule.level == Level::Error && run.code != Some(1) {
            problems.push(format!("{}: an error must give exit code 1, got {:?}", rule.code, run.code));
        }
        // Every message is located: the fixture's file, and a line and column when about a field.
        let relative = format!("{DIR}/{}.yaml", rule.code);
        for block in &blocks {
            let first = block.lines().next().unwrap_or_default();
            let located = first.starts_with(&format!("{relative}:")) || first.starts_with(&format!("{relative}: "));
            if !located {
                problems.push(format!("{}: message not located in the fixture: {first}", rule.code));
            }
        }
        messages.push((rule.code, redact(&blocks.join("\n"), out.path())));
    }
    assert!(problems.is_empty(), "{} rule fixture problem(s):\n\n{}", problems.len(), problems.join("\n\n"));
    for (code, message) in messages {
        insta::assert_snapshot!(format!("rule__{code}"), message);
    }
}

#[test]
fn every_fixture_is_a_known_rule() {
    let mut strays = Vec::new();
    for entry in std::fs::read_dir(root().join(DIR)).expect("fixtures").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let code = name.strip_suffix(".yaml").unwrap_or(&name);
        if recouvre::rules::by_code(code).is_none() {
            strays.push(name);
        }
    }
    assert!(strays.is_empty(), "files in {DIR} that name no rule: {strays:?}");
}

/// The README's « Règles vérifiées » table, as `recouvre regles` would write it.
fn readme_table() -> String {
    let mut s = String::from("| code | niveau | ce qui est vérifié |\n| --- | --- | --- |\n");
    for rule in ALL {
        s.push_str(&format!("| {} | {} | {} |\n", rule.code, level_word(rule.level), rule.title));
    }
    s
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let Some(start) = readme.find("\n## Règles vérifiées\n") else {
        panic!("README.md has no « ## Règles vérifiées » section; add it with:\n\n{}", readme_table());
    };
    let section = &readme[start + 1..];
    let section = section[3..].find("\n## ").map_or(section, |end| &section[..end + 3]);
    let listed: Vec<&str> = section.lines().filter(|l| l.starts_with("| ")).collect();
    let expected = readme_table();
    let expected: Vec<&str> = expected.lines().collect();
    assert!(
        listed == expected,
        "README.md « Règles vérifiées » differs from recouvre::rules::ALL; the table should be:\n\n{}",
        readme_table()
    );
}
