//! The house's plan, checked on the source: stages import only the stages before them, the ground
//! floor imports no stage, and no two files import each other (directly or round a loop).
//!
//! Imports are read from `use` trees and inline paths starting with `crate::`, `super::` or
//! `self::`; a folder's `mod.rs` naming its own children (declaring or re-exporting them) is its
//! facade, not an import. Test modules at the end of a file are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The ground floor: shared helpers every stage may use, importing no stage.
const GROUND: &[&str] = &["diag", "rules", "format", "ground"];

/// What each top-level module may import (a stage may also import the ground floor): data flows
/// forward only.
const ALLOWED: &[(&str, &[&str])] = &[
    ("diag", &[]),
    ("rules", &["diag"]),
    ("format", &[]),
    ("ground", &["diag"]),
    ("case", &[]),
    ("inputs", &[]),
    ("check", &["case", "inputs"]),
    ("claim", &["case"]),
    ("plan", &["case", "claim", "inputs"]),
    ("render", &["case", "claim", "plan", "inputs"]),
    ("pack", &["case", "claim", "plan", "render", "inputs"]),
    ("pipeline", &["case", "check", "claim", "plan", "render", "pack", "inputs"]),
    ("import", &["case"]),
    ("batch", &["case", "check", "claim", "plan", "render", "pack", "inputs", "pipeline"]),
    ("suivi", &["case", "check", "claim", "plan", "render", "pack", "inputs", "pipeline", "batch"]),
];

struct Source {
    /// Module path from the crate root: `["case", "node_de"]` for `src/case/node_de/mod.rs`.
    module: Vec<String>,
    /// `mod.rs`, `lib.rs` or `main.rs`: the file is its folder's module.
    is_folder: bool,
    text: String,
}

fn sources() -> BTreeMap<PathBuf, Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("src is readable");
        let path = entry.path();
        // main.rs is the binary, a crate of its own that imports the library by name.
        if path.extension().is_none_or(|e| e != "rs") || path == root.join("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).expect("under src").with_extension("");
        let mut module: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
        let is_folder = matches!(module.last().map(String::as_str), Some("mod" | "lib"));
        if is_folder {
            module.pop();
        }
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        out.insert(relative, Source { module, is_folder, text: code_only(&text) });
    }
    out
}

/// The text without line comments and without the test module that ends a file.
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every path a file names that starts at `crate`, `super` or `self`, `use` groups expanded.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let at_word_start =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        let head = ["crate::", "super::", "self::"].into_iter().find(|h| code[i..].starts_with(h));
        match head {
            Some(_) if at_word_start => {
                let end = tree_end(&code[i..]);
                expand(&code[i..i + end], &mut Vec::new(), &mut out);
                i += end.max(1);
            }
            _ => i += code[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// Length of a path or use tree: identifiers, `::`, and balanced `{…}` groups.
fn tree_end(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => return i,
            _ => {}
        }
    }
    s.len()
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e` (aliases and globs end at their prefix).
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let (path, group) = match tree.find('{') {
        Some(open) => (&tree[..open], Some(&tree[open + 1..tree.rfind('}').unwrap_or(tree.len())])),
        None => (tree, None),
    };
    let before = prefix.len();
    let path = path.split(" as ").next().unwrap_or("");
    prefix.extend(path.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "*").map(String::from));
    match group {
        Some(group) => {
            for part in split_top_level(group) {
                if part.trim() == "self" {
                    out.push(prefix.clone());
                } else if !part.trim().is_empty() {
                    expand(part, prefix, out);
                }
            }
        }
        None => out.push(prefix.clone()),
    }
    prefix.truncate(before);
}

fn split_top_level(group: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&group[start..]);
    parts
}

/// The file a path lands in: the longest prefix of its module path that is a file; never the
/// crate root (`lib.rs` only declares and re-exports), which also absorbs the paths of a file's
/// inline modules (`format::sheet` naming `super::data`).
fn resolve<'a>(from: &Source, path: &[String], files: &'a BTreeMap<Vec<String>, PathBuf>) -> Option<&'a PathBuf> {
    let mut base: Vec<String> =
        if from.is_folder { from.module.clone() } else { from.module[..from.module.len() - 1].to_vec() };
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => base.clear(),
        Some("self") => base = from.module.clone(),
        Some("super") => {
            if from.is_folder {
                base.pop();
            }
            while rest.get(1).is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    let full: Vec<String> = base.into_iter().chain(rest[1..].iter().cloned()).collect();
    (1..=full.len()).rev().find_map(|n| files.get(&full[..n]))
}

/// File → the files it imports.
fn imports() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let sources = sources();
    let files: BTreeMap<Vec<String>, PathBuf> = sources.iter().map(|(p, s)| (s.module.clone(), p.clone())).collect();
    let mut graph = BTreeMap::new();
    for (path, source) in &sources {
        let mut targets = BTreeSet::new();
        for named in named_paths(&source.text) {
            let Some(target) = resolve(source, &named, &files) else { continue };
            let target_module = &sources[target].module;
            let own_child = source.is_folder
                && target_module.len() > source.module.len()
                && target_module.starts_with(&source.module);
            if target != path && !own_child {
                targets.insert(target.clone());
            }
        }
        graph.insert(path.clone(), targets);
    }
    graph
}

fn top_level(path: &Path) -> String {
    path.iter().next().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn stages_import_only_what_comes_before_them() {
    let mut wrong = Vec::new();
    for (file, targets) in imports() {
        let from = top_level(&file);
        if matches!(from.as_str(), "lib" | "main" | "cli") {
            continue;
        }
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == from) else {
            wrong.push(format!("{}: module « {from} » absent du plan (ALLOWED)", file.display()));
            continue;
        };
        for target in targets {
            let to = top_level(&target);
            let ground_for_a_stage = GROUND.contains(&to.as_str()) && !GROUND.contains(&from.as_str());
            let ok = to == from || ground_for_a_stage || allowed.contains(&to.as_str());
            if !ok {
                wrong.push(format!("{} importe {}", file.display(), target.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports à contre-courant :\n{}", wrong.join("\n"));
}

#[test]
fn no_two_files_import_each_other() {
    let graph = imports();
    let mut state: BTreeMap<&PathBuf, u8> = BTreeMap::new();
    let mut cycles = Vec::new();
    fn visit<'g>(
        file: &'g PathBuf,
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut BTreeMap<&'g PathBuf, u8>,
        stack: &mut Vec<&'g PathBuf>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(file, 1);
        stack.push(file);
        for next in &graph[file] {
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|f| *f == next).unwrap_or(0);
                    let names: Vec<String> =
                        stack[from..].iter().chain([&next]).map(|f| f.display().to_string()).collect();
                    cycles.push(names.join(" → "));
                }
                Some(_) => {}
                None => visit(next, graph, state, stack, cycles),
            }
        }
        stack.pop();
        state.insert(file, 2);
    }
    for file in graph.keys() {
        if !state.contains_key(file) {
            visit(file, &graph, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "boucles d'imports entre fichiers :\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_sees_imports_the_way_rust_does() {
    let from = Source { module: vec!["case".into(), "load".into()], is_folder: false, text: String::new() };
    let files: BTreeMap<Vec<String>, PathBuf> = [
        (vec!["case".into()], PathBuf::from("case/mod")),
        (vec!["case".into(), "yaml".into()], PathBuf::from("case/yaml")),
        (vec!["ground".into(), "files".into()], PathBuf::from("ground/files")),
    ]
    .into_iter()
    .collect();
    let paths = named_paths("use super::{yaml::{self, Node}, schema};\nlet x = crate::ground::files::io_reason(&e);");
    let landed: Vec<_> =
        paths.iter().filter_map(|p| resolve(&from, p, &files)).map(|p| p.display().to_string()).collect();
    assert_eq!(landed, ["case/yaml", "case/yaml", "case/mod", "ground/files"]);
}
