//! A hold (`suspendu`: a dispute under discussion, a payment plan agreed) stops the ladder: the
//! plan says why and until when, and no demand is built while it lasts.

use chrono::Days;

use crate::case::model::{Case, Hold};
use crate::format::date_fr;

/// What the plan says about the case's hold, in force, ended or to come.
pub fn reasons(case: &Case) -> Vec<String> {
    let Some(h) = &case.hold else { return Vec::new() };
    let on = case.computed_on;
    if h.covers(on) {
        let until = match h.until {
            Some(u) => format!("jusqu'au {} inclus", date_fr(u)),
            None => "sans date de fin".to_string(),
        };
        vec![format!(
            "dossier suspendu depuis le {} ({}), {until} : aucune relance, mise en demeure ni demande n'est produite",
            date_fr(h.since),
            h.reason
        )]
    } else if h.since > on {
        vec![format!("suspension prévue à partir du {} ({})", date_fr(h.since), h.reason)]
    } else {
        let end = h.until.map(date_fr).unwrap_or_default();
        vec![format!("suspension ({}) terminée le {end} : les poursuites reprennent", h.reason)]
    }
}

/// What to do while the hold lasts.
pub fn next_actions(hold: &Hold) -> Vec<String> {
    match hold.until {
        Some(u) => vec![
            format!("reprendre le dossier à partir du {}", date_fr(u + Days::new(1))),
            "ou retirer « suspendu » du cas si la suspension prend fin plus tôt".into(),
        ],
        None => vec!["retirer « suspendu » du cas pour reprendre les poursuites (ou indiquer « jusqu_au »)".into()],
    }
}
