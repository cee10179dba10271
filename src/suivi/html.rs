//! The portfolio as one self-contained HTML page: today's agenda, the aging chart (inline SVG),
//! totals per step and the case table, sortable and filterable by a few lines of inline script.
//! No network, no external file: the page opens from a USB key or an e-mail attachment.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::output::{money, step_short};
use super::row::{BUCKET_KEYS, BUCKETS, Row, Urgency};
use super::{Portfolio, StepTotal};
use crate::format::{date_fr, date_short, euros};

/// Bucket colours, from not yet due (grey) to over 90 days (dark red).
const COLOURS: [&str; 5] = ["#9aa5b1", "#f2c14e", "#f08a4b", "#d1495b", "#7a1f2b"];

const STYLE: &str = include_str!("suivi.css");
const SCRIPT: &str = include_str!("suivi.js");

/// Text made safe for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub fn page(p: &Portfolio) -> String {
    let mut out = String::with_capacity(4096 + p.rows.len() * 600);
    let title = format!("Suivi du recouvrement au {}", date_fr(p.on));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    summary(&mut out, p);
    out.push_str("</header>\n<main>\n");
    agenda(&mut out, p);
    chart(&mut out, p);
    steps(&mut out, &p.steps());
    table(&mut out, p);
    failures(&mut out, p);
    let _ = write!(out, "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn summary(out: &mut String, p: &Portfolio) {
    let figures = [
        ("dossiers", p.rows.len().to_string(), "cas suivis"),
        ("total-du", euros(p.total_due()), "total dû"),
        ("principal", euros(p.principal()), "principal restant"),
        ("en-retard", p.count(Urgency::Late).to_string(), "actions en retard"),
    ];
    out.push_str("<ul class=\"kpi\">\n");
    for (id, value, label) in figures {
        let _ = writeln!(out, "<li><b id=\"kpi-{id}\">{}</b><span>{label}</span></li>", esc(&value));
    }
    out.push_str("</ul>\n");
}

fn agenda(out: &mut String, p: &Portfolio) {
    out.push_str("<section id=\"agenda\">\n<h2>Agenda</h2>\n<div class=\"cols\">\n");
    for urgency in [Urgency::Late, Urgency::Today, Urgency::ThisWeek] {
        let rows: Vec<&Row> = p.rows.iter().filter(|r| r.urgency == urgency).collect();
        let _ = writeln!(
            out,
            "<div class=\"day {}\"><h3>{} <span class=\"count\">{}</span></h3>",
            urgency.code(),
            capitalised(urgency.label()),
            rows.len()
        );
        if rows.is_empty() {
            out.push_str("<p class=\"none\">Rien à faire.</p>\n");
        } else {
            out.push_str("<ol>\n");
            for r in rows {
                let when = r.action_date.map(date_short).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<li data-ref=\"{ref_}\"><time>{when}</time> <a href=\"#cas-{id}\">{ref_}</a> · {} · <b>{}</b><br><small>{}</small></li>",
                    esc(&r.debtor),
                    esc(&euros(r.total_due)),
                    esc(&r.action),
                    ref_ = esc(&r.reference),
                    id = anchor(&r.reference),
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n</section>\n");
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// An id safe in a URL fragment.
fn anchor(reference: &str) -> String {
    reference.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Stacked bars: the whole portfolio, then one bar per step; segments are the aging buckets.
/// Each bar is one inline SVG drawn on a 0–100 scale and stretched to the width of the page, the
/// amounts written over it in HTML so that they stay readable on a phone.
fn chart(out: &mut String, p: &Portfolio) {
    let mut bars: Vec<(String, [Decimal; 5])> = vec![("Ensemble".into(), p.buckets())];
    for t in p.steps() {
        let mut sums = [Decimal::ZERO; 5];
        for r in p.rows.iter().filter(|r| r.step == t.step) {
            for (s, b) in sums.iter_mut().zip(r.buckets) {
                *s += b;
            }
        }
        bars.push((capitalised(step_short(t.step)), sums));
    }
    let scale = bars.iter().map(|(_, b)| b.iter().copied().sum::<Decimal>()).max().unwrap_or(Decimal::ZERO);
    out.push_str("<section id=\"anciennete\">\n<h2>Ancienneté du principal restant</h2>\n<ul class=\"legend\">\n");
    for ((label, key), (colour, amount)) in BUCKETS.iter().zip(BUCKET_KEYS).zip(COLOURS.iter().zip(p.buckets())) {
        let _ = writeln!(
            out,
            "<li data-tranche=\"{key}\" data-montant=\"{}\"><i style=\"background:{colour}\"></i>{} : <b>{}</b></li>",
            money(amount),
            esc(label),
            esc(&euros(amount))
        );
    }
    out.push_str("</ul>\n<div class=\"chart\">\n");
    for (label, sums) in &bars {
        let total: Decimal = sums.iter().copied().sum();
        let _ = write!(out, "<div class=\"bar\"><span class=\"bar-label\">{}</span><div class=\"track\">", esc(label));
        let _ = write!(
            out,
            "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{} : {}\">",
            esc(label),
            esc(&euros(total))
        );
        let mut labels = String::new();
        let mut x = 0.0;
        for ((amount, colour), key) in sums.iter().zip(COLOURS).zip(BUCKET_KEYS) {
            if amount.is_zero() || scale.is_zero() {
                continue;
            }
            let w = (amount / scale).to_f64().unwrap_or(0.0) * 100.0;
            let _ = write!(
                out,
                "<rect x=\"{x:.3}\" y=\"0\" width=\"{w:.3}\" height=\"10\" fill=\"{colour}\" data-tranche=\"{key}\" data-montant=\"{}\"><title>{} : {}</title></rect>",
                money(*amount),
                esc(label),
                esc(&euros(*amount))
            );
            // Written on the segment when it is wide enough; the legend and the tooltip always give it.
            let size = if w >= 40.0 {
                "wide"
            } else if w >= 13.0 {
                "mid"
            } else {
                ""
            };
            if !size.is_empty() {
                let dark = if key == "non_echu" || key == "j1_30" { " dark" } else { "" };
                let _ = write!(
                    labels,
                    "<span class=\"amount {size}{dark}\" style=\"left:{x:.3}%;width:{w:.3}%\">{}</span>",
                    esc(&euros(*amount))
                );
            }
            x += w;
        }
        let _ = writeln!(out, "</svg>{labels}</div></div>");
    }
    out.push_str("</div>\n</section>\n");
}

fn steps(out: &mut String, totals: &[StepTotal]) {
    out.push_str("<section id=\"etapes\">\n<h2>Par étape</h2>\n<div class=\"scroll\"><table class=\"steps\">\n<thead><tr><th>Étape</th><th class=\"n\">Cas</th><th class=\"n\">Total dû</th><th class=\"n\">Principal</th></tr></thead>\n<tbody>\n");
    for t in totals {
        let _ = writeln!(
            out,
            "<tr data-etape=\"{}\" data-dossiers=\"{}\" data-total=\"{}\" data-principal=\"{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            t.step.code(),
            t.cases,
            money(t.total_due),
            money(t.principal),
            esc(&capitalised(t.step.label())),
            t.cases,
            esc(&euros(t.total_due)),
            esc(&euros(t.principal))
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn table(out: &mut String, p: &Portfolio) {
    out.push_str(
        "<section id=\"cas\">\n<h2>Les cas</h2>\n<div class=\"filters\">\
         <input id=\"filtre\" type=\"search\" placeholder=\"Filtrer : référence, débiteur, action…\" aria-label=\"Filtrer\">\
         <select id=\"urgence\" aria-label=\"Urgence\"><option value=\"\">Toutes les urgences</option>",
    );
    for u in [Urgency::Late, Urgency::Today, Urgency::ThisWeek, Urgency::Later, Urgency::None] {
        let label = if u == Urgency::None { "sans action datée" } else { u.label() };
        let _ = write!(out, "<option value=\"{}\">{}</option>", u.code(), esc(&capitalised(label)));
    }
    out.push_str(
        "</select> <span id=\"shown\"></span></div>\n<div class=\"scroll\">\n<table id=\"table-cas\">\n<thead><tr>",
    );
    let headers = [
        ("t", "Référence"),
        ("t", "Débiteur"),
        ("n", "Total dû"),
        ("n", "Principal"),
        ("t", "Échéance"),
        ("n", "Retard"),
        ("n", "> 90 j"),
        ("t", "Étape"),
        ("t", "Action"),
        ("t", "Date"),
    ];
    for (kind, h) in headers {
        let _ = write!(out, "<th data-type=\"{kind}\" class=\"{kind}\" tabindex=\"0\">{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &p.rows {
        row(out, r);
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn row(out: &mut String, r: &Row) {
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let reference = match &r.built {
        Some(path) => format!("<a href=\"{}\">{}</a>", esc(&file_url(path)), esc(&r.reference)),
        None => esc(&r.reference),
    };
    let mut notes = String::new();
    match r.broken_promises {
        0 => {}
        1 => notes.push_str("<span class=\"tag promise\">1 promesse non tenue</span>"),
        n => {
            let _ = write!(notes, "<span class=\"tag promise\">{n} promesses non tenues</span>");
        }
    }
    if r.hold.is_some() {
        notes.push_str("<span class=\"tag hold\">suspendu</span>");
    }
    let _ = writeln!(
        out,
        "<tr id=\"cas-{id}\" class=\"{urg}\" data-ref=\"{ref_}\" data-urgence=\"{urg}\" data-total=\"{total}\" data-principal=\"{principal}\" data-etape=\"{step}\" {buckets}>\
         <td class=\"ref\">{reference}</td><td>{debtor}</td>\
         <td class=\"n\" data-v=\"{total}\">{total_fr}</td><td class=\"n\" data-v=\"{principal}\">{principal_fr}</td>\
         <td data-v=\"{due_iso}\">{due}</td><td class=\"n\" data-v=\"{days}\">{days_fr}</td>\
         <td class=\"n\" data-v=\"{over90}\">{over90_fr}</td><td data-v=\"{step_rank}\">{step_fr}</td>\
         <td>{action}{notes}</td><td data-v=\"{when_iso}\">{when}</td></tr>",
        id = anchor(&r.reference),
        urg = r.urgency.code(),
        ref_ = esc(&r.reference),
        total = money(r.total_due),
        principal = money(r.principal),
        step = r.step.code(),
        buckets = BUCKET_KEYS
            .iter()
            .zip(r.buckets)
            .map(|(k, v)| format!("data-{}=\"{}\"", k.replace('_', "-"), money(v)))
            .collect::<Vec<_>>()
            .join(" "),
        debtor = esc(&r.debtor),
        total_fr = esc(&euros(r.total_due)),
        principal_fr = esc(&euros(r.principal)),
        due_iso = iso(r.oldest_due),
        due = r.oldest_due.map(date_short).unwrap_or_else(|| "—".into()),
        days = r.days_overdue,
        days_fr = if r.days_overdue > 0 { format!("{} j", r.days_overdue) } else { "—".into() },
        over90 = money(r.buckets[4]),
        over90_fr = esc(&euros(r.buckets[4])),
        step_rank = r.step as u8,
        step_fr = esc(step_short(r.step)),
        action = esc(&r.action),
        when_iso = iso(r.action_date),
        when = r.action_date.map(date_short).unwrap_or_else(|| "—".into()),
    );
}

/// A `file://` link to a built dossier, absolute so the page works wherever it is saved.
fn file_url(path: &std::path::Path) -> String {
    let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(char::from(b))
            }
            _ => {
                let _ = write!(url, "%{b:02X}");
            }
        }
    }
    url
}

fn failures(out: &mut String, p: &Portfolio) {
    if p.failures.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section id=\"echecs\">\n<h2>Cas non lus ({})</h2>\n<ul>", p.failures.len());
    for f in &p.failures {
        let _ = write!(out, "<li><code>{}</code><ul>", esc(&f.file));
        for e in &f.errors {
            let _ = write!(out, "<li>{}</li>", esc(e));
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_links() {
        assert_eq!(esc("<a href=\"x\">l'été & co</a>"), "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
        assert_eq!(anchor("DOS 2026/14"), "DOS_2026_14");
        assert_eq!(file_url(std::path::Path::new("/tmp/a b/é.pdf")), "file:///tmp/a%20b/%C3%A9.pdf");
    }
}
