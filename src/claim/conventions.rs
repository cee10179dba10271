//! The conventions printed under every décompte, in French: how days are counted, from when,
//! at which rate, how payments are imputed and how amounts are rounded. No statute fixes some
//! of them (day count), so the reader must be told.

use chrono::NaiveDate;

use super::regime::Unclaimed;
use super::{LegalRateCategory, Regime};
use crate::case::model::{Case, CreditEffect, InsolvencyKind, PenaltyClause};
use crate::format::{date_fr, euros, percent};

/// What the conventions depend on besides the case.
#[derive(Debug)]
pub struct Context<'a> {
    pub case: &'a Case,
    pub regime: &'a Regime,
    pub on: NaiveDate,
    /// Payments and credit notes dated after `on`, left out.
    pub ignored: usize,
}

pub fn sentences(cx: &Context<'_>) -> Vec<String> {
    let mut out = vec![match cx.case.open_insolvency().filter(|p| p.judgment.pred_opt() == Some(cx.on)) {
        Some(p) => format!(
            "Décompte arrêté au {} inclus, veille du jugement d'ouverture {} du {}, qui arrête dès sa date le cours des intérêts légaux et conventionnels, des intérêts de retard et des majorations (art. L. 622-28 C. com.{}) ; seules les factures échues à cette date portent pénalités et indemnité forfaitaire{}",
            date_fr(cx.on),
            p.kind.of_label(),
            date_fr(p.judgment),
            match p.kind.applying_article() {
                "L. 622-21" => String::new(),
                other => format!(", applicable par renvoi de l'art. {other}"),
            },
            match p.kind {
                InsolvencyKind::Liquidation =>
                    " ; les autres, rendues exigibles par le jugement de liquidation (art. L. 643-1 C. com.), sont déclarées pour leur seul principal, avec leur échéance initiale.",
                _ =>
                    " ; les autres sont à échoir : déclarées pour leur seul principal, avec leur échéance (art. L. 622-25 C. com.).",
            }
        ),
        None => format!("Décompte arrêté au {} inclus.", date_fr(cx.on)),
    }];
    let accrues = rate_and_start(cx, &mut out);
    if accrues {
        out.push("Intérêts calculés en jours exacts sur une base de 365 jours, y compris les années bissextiles : base × taux annuel × jours / 365, chaque période comptant les jours de sa première à sa dernière date, toutes deux incluses.".into());
        // A contract rate does not change by half-year: the cuts at 30 June and 31 December are
        // then only calculation periods, and the text must not say the rate changes there.
        let half_years = match cx.regime {
            Regime::ProfessionalContractRate { .. } | Regime::ConsumerContractRate { .. } => {
                "Périodes arrêtées au 30 juin et au 31 décembre (simples périodes de calcul : le taux convenu ne change pas)"
            }
            _ => "Périodes arrêtées au 30 juin et au 31 décembre (le taux est fixé par semestre)",
        };
        out.push(format!("{half_years} et à la date de chaque paiement ou avoir (la base change) ; la base est le principal TTC restant dû, les intérêts ne produisent pas d'intérêts."));
        out.push(rate_sources(cx.regime).into());
    }
    let dated_back = cx.case.credit_notes.iter().any(|c| c.effect == CreditEffect::FromInvoice);
    let (debtor, _, _) = cx.case.debtor.debtor_noun();
    out.push(format!("{} Paiements imputés sur la facture désignée par {debtor}, sinon sur les factures échues à leur date (parmi elles celle que {debtor} avait le plus d'intérêt à acquitter, à égalité la plus ancienne : la plus ancienne échéance, puis la plus ancienne facture, et entre factures de même date et de même échéance, en proportion de ce que chacune devait), puis sur les factures non échues (art. 1342-10 C. civ.) ; dans chaque facture, d'abord sur les intérêts échus, puis sur le principal (art. 1343-1 C. civ.).", if dated_back { "Avoir commercial déduit du principal à sa date ; avoir pour défaut ou réduction du prix déduit dès la facture, qui n'a jamais été due pour son montant : aucune pénalité ne court sur celui-ci." } else { "Avoirs déduits du principal à leur date." }));
    out.push(indemnity(cx));
    out.push("Pénalités, intérêts et indemnités sont hors du champ de la TVA : ils réparent un préjudice et ne rémunèrent aucune prestation.".into());
    if let Some(clause) = cx.case.terms.penalty_clause {
        out.push(match clause {
            PenaltyClause::Percent(p) => {
                format!("Clause pénale : {} du principal restant dû au {}.", percent(p), date_fr(cx.on))
            }
            PenaltyClause::Amount(a) => {
                format!("Clause pénale : montant forfaitaire de {}.", euros(a))
            }
        });
    }
    out.push("Chaque ligne est arrondie au centime (un demi-centime au centime supérieur) ; les totaux sont les sommes des lignes arrondies.".into());
    if cx.ignored > 0 {
        let text = if cx.ignored == 1 {
            "Un paiement ou avoir daté après le {} n'est pas pris en compte.".replace("{}", &date_fr(cx.on))
        } else {
            format!("{} paiements ou avoirs datés après le {} ne sont pas pris en compte.", cx.ignored, date_fr(cx.on))
        };
        out.push(text);
    }
    out
}

/// The rate and the starting day; `false` when no interest can accrue at all.
fn rate_and_start(cx: &Context<'_>, out: &mut Vec<String>) -> bool {
    let after_due = if cx.case.invoices.len() == 1 {
        "à compter du lendemain de l'échéance de la facture ; le jour de l'échéance n'est pas un jour de retard"
    } else {
        "à compter du lendemain de l'échéance de chaque facture ; le jour de l'échéance n'est pas un jour de retard"
    };
    match *cx.regime {
        Regime::ProfessionalLegalRate => {
            out.push(
                "Pénalités de retard entre professionnels au taux de refinancement de la BCE en vigueur au 1er janvier (pour janvier à juin) ou au 1er juillet (pour juillet à décembre), majoré de 10 points (art. L. 441-10 II C. com.).".into(),
            );
            out.push(format!("Les pénalités courent sans rappel préalable {after_due}."));
        }
        Regime::ProfessionalContractRate { rate } => {
            out.push(format!(
                "Pénalités de retard au taux convenu de {} l'an (art. L. 441-10 II C. com.).",
                percent(rate)
            ));
            out.push(format!("Les pénalités courent sans rappel préalable {after_due}."));
        }
        Regime::ConsumerContractRate { rate } => {
            out.push(format!("Intérêts de retard au taux convenu de {} l'an.", percent(rate)));
            out.push(format!("Les intérêts courent {after_due}."));
        }
        Regime::ConsumerLegalInterest { category, from } => {
            let Some(from) = from else {
                out.push("Aucune mise en demeure n'a été envoyée : pas d'intérêts au taux légal, qui ne courent qu'à compter de la mise en demeure (art. 1231-6 et 1344-1 C. civ.).".into());
                return false;
            };
            let who = match category {
                LegalRateCategory::Particulier => {
                    "catégorie « particulier » : le créancier est une personne physique n'agissant pas pour des besoins professionnels"
                }
                LegalRateCategory::Autre => "catégorie « autre » : le créancier n'est pas un particulier",
            };
            out.push(format!("Intérêts moratoires au taux de l'intérêt légal fixé pour chaque semestre ({who} ; art. 1231-6 C. civ. et L. 313-2 CMF)."));
            let received = cx.case.formal_notice.as_ref().is_some_and(|n| n.received.is_some());
            let event = if received {
                "de la réception de la mise en demeure"
            } else {
                "de l'envoi de la mise en demeure (date de réception inconnue)"
            };
            let day_after = from.succ_opt().unwrap_or(from);
            out.push(format!(
                "Les intérêts courent à compter du {}, lendemain {event} (le {}).",
                date_fr(day_after),
                date_fr(from)
            ));
            if let Some(m) = &cx.case.formal_notice {
                let reasons: Vec<Unclaimed> = cx
                    .case
                    .invoices
                    .iter()
                    .filter(|i| super::is_due(i.due, cx.on))
                    .filter_map(|i| super::regime::unclaimed(m, i.due, &i.number))
                    .collect();
                let sent = date_fr(m.sent);
                let (_, of_debtor, _) = cx.case.debtor.debtor_noun();
                let after = format!(
                    "pas d'intérêts au taux légal sur elle avant une nouvelle interpellation {of_debtor} (mise en demeure, assignation ou signification de l'ordonnance portant injonction de payer ; art. 1344 C. civ.)"
                );
                if reasons.contains(&Unclaimed::NotNamed) {
                    out.push(format!("Une facture que la mise en demeure du {sent} ne visait pas n'est pas couverte par elle : {after}."));
                }
                if reasons.contains(&Unclaimed::NotLate) {
                    out.push(format!("Une facture pas encore en retard de paiement à l'envoi de la mise en demeure, le {sent}, n'est pas couverte par elle : {after}."));
                }
            }
        }
    }
    true
}

/// Where the rates come from, as a judge can check them: the official publications, never the
/// software's own tables.
fn rate_sources(regime: &Regime) -> &'static str {
    match regime {
        Regime::ProfessionalLegalRate => {
            "Taux de refinancement de la BCE : taux des opérations principales de refinancement fixé par le Conseil des gouverneurs de la Banque centrale européenne, publié par la Banque de France."
        }
        Regime::ConsumerLegalInterest { .. } => {
            "Taux de l'intérêt légal : arrêté semestriel du ministre de l'Économie publié au Journal officiel (art. L. 313-2 CMF)."
        }
        Regime::ProfessionalContractRate { .. } | Regime::ConsumerContractRate { .. } => {
            "Taux : celui convenu entre les parties, fixe sur toute la durée du retard."
        }
    }
}

fn indemnity(cx: &Context<'_>) -> String {
    let (debtor, _, consumer) = cx.case.debtor.debtor_noun();
    if cx.case.debtor.is_consumer() {
        format!("Pas d'indemnité forfaitaire de 40 € : {debtor} est {consumer}.")
    } else if !cx.case.debtor.is_professional() {
        format!(
            "Pas d'indemnité forfaitaire de 40 € : {debtor} n'est pas un professionnel (art. L. 441-10 II C. com.)."
        )
    } else if cx.case.terms.flat_indemnity {
        "Indemnité forfaitaire pour frais de recouvrement de 40 € par facture payée après son échéance ou impayée à son échéance (art. L. 441-10 II et D. 441-5 C. com.).".into()
    } else {
        "Indemnité forfaitaire de 40 € non réclamée (conditions du dossier).".into()
    }
}
