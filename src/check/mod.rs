//! Stage `check`: RawCase → Case, with every error and warning, each located in the case file.

mod consistency;
mod convert;
mod convert_parties;
mod convert_title;
mod duplicates;
mod facturx;
pub mod files;
mod placeholders;
mod routes;

use chrono::NaiveDate;

use crate::case::Loaded;
use crate::case::model::Case;
use crate::diag::Diagnostics;
use crate::inputs::Files;

pub use consistency::last_day_of_month;
pub use convert_parties::person_name;

/// The outcome of checking a case: the case when it is usable, and what was found.
#[derive(Debug)]
pub struct Checked {
    pub case: Option<Case>,
    pub diagnostics: Diagnostics,
}

/// Checks a loaded case; the files it names are read through `files` (kept for the later
/// stages). `today` is used only when the case has no `date_calcul`.
/// The case comes back only when there is no error; warnings come with it.
pub fn check(loaded: &Loaded, files: &Files, today: NaiveDate) -> Checked {
    let mut diagnostics = loaded.diagnostics.clone();
    let mut converter = convert::Converter::new(&loaded.dir).with_profile(loaded.profile.as_deref(), &loaded.locator);
    let converted = loaded.raw.as_ref().and_then(|raw| converter.case(raw, today));
    diagnostics.extend(converter.diagnostics);
    let case = converted.map(|mut case| {
        case.source.file = loaded.file.clone();
        case.source.profile = loaded.profile.clone();
        diagnostics.extend(consistency::check(&case));
        let mut title = Vec::new();
        if let Some(order) = &case.procedure.order {
            convert_title::title_dates(order, case.computed_on, &mut title);
        }
        convert_title::payer_accounts(&case.payments, &case.debtor_assets, &mut title);
        diagnostics.extend(title);
        diagnostics.extend(facturx::check(&case, files));
        diagnostics.extend(duplicates::check(&case, files));
        diagnostics.extend(placeholders::check(&case));
        diagnostics.extend(routes::check(&case));
        case
    });
    let diagnostics = loaded.locator.place(diagnostics, &loaded.file);
    let case = if diagnostics.has_errors() { None } else { case };
    Checked { case, diagnostics }
}
