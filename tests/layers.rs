#![cfg(not(target_arch = "wasm32"))]
//! The layers of `src/` and the one direction imports may point (see the crate docs in
//! `src/lib.rs`): shell → ui → app → platform, with i18n and present beside them. This reads
//! every `crate::…` path in `src/` and fails on one that points the wrong way, on Leptos
//! below `app`, and on markup outside `ui`/`shell`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What each layer may use besides itself (and evs-model and the outside crates).
fn allowed(layer: &str) -> &'static [&'static str] {
    match layer {
        "platform" | "i18n" | "present" => &[],
        "app" => &["platform", "i18n", "present"],
        "ui" => &["app", "platform", "i18n", "present"],
        "shell" => &["ui", "app", "platform", "i18n", "present"],
        _ => &[],
    }
}

const LAYERS: [&str; 6] = ["platform", "i18n", "present", "app", "ui", "shell"];

/// The top-level modules named by `crate::x` paths in `source`.
fn crate_refs(source: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    let mut rest = source;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + "crate::".len()..];
        // `evs_model::` or `my_crate::` are other paths: only a bare `crate::` counts.
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            if let Some(name) = after.strip_prefix('{') {
                // `use crate::{app::x, i18n::y}`
                let group = &name[..name.find('}').unwrap_or(name.len())];
                for part in group.split(',') {
                    let head: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !head.is_empty() {
                        refs.insert(head);
                    }
                }
            } else {
                let head: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                refs.insert(head);
            }
        }
        rest = after;
    }
    refs
}

/// Every problem of one file of `layer`.
fn problems(layer: &str, file: &str, source: &str) -> Vec<String> {
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for used in crate_refs(&code) {
        if used != layer
            && LAYERS.contains(&used.as_str())
            && !allowed(layer).contains(&used.as_str())
        {
            found.push(format!("{file}: {layer} uses crate::{used}"));
        }
    }
    if matches!(layer, "platform" | "i18n" | "present") && code.contains("leptos") {
        found.push(format!("{file}: {layer} uses Leptos"));
    }
    if matches!(layer, "i18n" | "present")
        && (code.contains("web_sys") || code.contains("wasm_bindgen"))
    {
        found.push(format!("{file}: {layer} uses the browser"));
    }
    if !matches!(layer, "ui" | "shell") && code.contains("view!") {
        found.push(format!("{file}: {layer} has markup"));
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    let mut layered = 0;
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src/");
        let layer = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a path")
            .trim_end_matches(".rs");
        if !LAYERS.contains(&layer) {
            // lib.rs (module list), main.rs (the entry point) and bin/ (the build-time
            // prerender of the first screen) sit above the layers.
            assert!(
                matches!(layer, "lib" | "main" | "bin"),
                "{}: a module outside the layers; put it in one of {LAYERS:?}",
                rel.display()
            );
            continue;
        }
        layered += 1;
        let source = std::fs::read_to_string(path).expect("readable file");
        found.extend(problems(layer, &rel.display().to_string(), &source));
    }
    assert!(layered > 30, "only {layered} files read");
    assert!(
        found.is_empty(),
        "imports pointing the wrong way:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_catches_what_it_should() {
    assert!(problems("platform", "p.rs", "use crate::app::Lang;\n").len() == 1);
    assert!(problems("app", "a.rs", "use crate::{i18n::Msg, ui::t};\n").len() == 1);
    assert!(problems("app", "a.rs", "let x = crate::shell::embed::mount;\n").len() == 1);
    assert!(problems("i18n", "i.rs", "use leptos::prelude::*;\n").len() == 1);
    assert!(problems("present", "p.rs", "use web_sys::Element;\n").len() == 1);
    assert!(problems("app", "a.rs", "fn f() { view! { <p/> } }\n").len() == 1);
    assert!(problems(
        "ui",
        "u.rs",
        "use crate::{app::lang, i18n::Msg};\nuse super::t;\n"
    )
    .is_empty());
    assert!(problems("ui", "u.rs", "// use crate::shell::x;\n").is_empty());
    assert!(problems(
        "app",
        "a.rs",
        "use evs_model::crate_like::x; my_crate::ui::y;\n"
    )
    .is_empty());
    assert!(problems("shell", "s.rs", "use crate::ui::ExportConsole;\n").is_empty());
}
