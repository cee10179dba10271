//! RawCase → Case after the ordonnance: the sums granted, the signification, opposition,
//! certificat and enforcement acts, the debtor's known assets; each field checked on its own.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::convert::Converter;
use crate::case::enforcement::*;
use crate::case::model::Payment;
use crate::case::path::{item, join};
use crate::case::raw::{RawAccount, RawOrder, RawParty};
use crate::case::raw_title::*;
use crate::diag::Diagnostic;
use crate::ground::ids;
use crate::rules;

const ORDER: &str = "procedure.ordonnance";

/// The life of an ordonnance as read from the file.
pub struct OrderLife {
    pub granted: Option<Granted>,
    pub service: Option<Service>,
    pub opposition: Option<Opposition>,
    pub certificate: Option<Certificate>,
    pub acts: Vec<EnforcementAct>,
}

impl Converter<'_> {
    pub fn order_life(&mut self, raw: &RawOrder) -> OrderLife {
        OrderLife {
            granted: raw.sommes.as_ref().and_then(|g| self.granted(g)),
            service: raw.signification.as_ref().and_then(|s| {
                let file = self.file(s.fichier.as_ref(), &join(ORDER, "signification.fichier"));
                Some(Service {
                    date: s.date?.0,
                    officer: s.commissaire.as_ref().map(|c| c.trim().to_string()).filter(|c| !c.is_empty())?,
                    mode: match s.mode? {
                        RawServiceMode::APersonne => ServiceMode::InPerson,
                        RawServiceMode::ADomicile => ServiceMode::AtHome,
                        RawServiceMode::ProcesVerbalRecherches => ServiceMode::Search,
                    },
                    file,
                })
            }),
            opposition: raw
                .opposition
                .as_ref()
                .and_then(|o| Some(Opposition { date: o.date?.0, notice: o.avis_greffe.map(|d| d.0) })),
            certificate: raw.certificat_non_opposition.as_ref().and_then(|c| {
                let file = self.file(c.fichier.as_ref(), &join(ORDER, "certificat_non_opposition.fichier"));
                Some(Certificate { date: c.date?.0, file: file? })
            }),
            acts: raw
                .execution
                .iter()
                .enumerate()
                .filter_map(|(i, a)| self.act(a, &item(&join(ORDER, "execution"), i)))
                .collect(),
        }
    }

    fn granted(&mut self, raw: &RawGranted) -> Option<Granted> {
        let at = join(ORDER, "sommes");
        let interest = raw.interets.as_ref().and_then(|i| {
            let rate = match i.kind.unwrap_or(RawGrantedRateKind::Legal) {
                RawGrantedRateKind::Legal => GrantedRate::Legal,
                RawGrantedRateKind::BcePlus10 => GrantedRate::EcbPlusTen,
                RawGrantedRateKind::Fixe => match i.taux {
                    Some(t) => GrantedRate::Fixed(t.0),
                    None => {
                        self.push(
                            rules::FIELD_VALUE
                                .report("intérêts à taux fixe sans taux")
                                .field(join(&at, "interets.taux"))
                                .hint("recopiez le taux du dispositif de l'ordonnance : « taux: \"10\" » pour 10 %"),
                        );
                        return None;
                    }
                },
            };
            if i.taux.is_some() && rate != GrantedRate::Fixed(i.taux.unwrap_or_default().0) {
                self.push(
                    rules::FIELD_VALUE
                        .report("un taux n'est écrit que pour des intérêts « type: fixe »")
                        .field(join(&at, "interets.taux"))
                        .hint("retirez « taux », ou écrivez « type: fixe »"),
                );
            }
            Some(GrantedInterest {
                rate,
                from: i.depuis?.0,
                surcharge: i.majoration.unwrap_or(true),
                surcharge_from: i.majoration_depuis.map(|d| d.0),
            })
        });
        let amount = |m: Option<crate::case::values::Montant>| m.map_or(Decimal::ZERO, |m| m.0);
        Some(Granted {
            principal: raw.principal?.0,
            interest,
            penalties: amount(raw.penalites),
            indemnity: amount(raw.indemnite),
            penalty_clause: amount(raw.clause_penale),
            article_700: amount(raw.article_700),
            costs: amount(raw.depens),
        })
    }

    fn act(&mut self, raw: &RawEnforcementAct, at: &str) -> Option<EnforcementAct> {
        let file = self.file(raw.fichier.as_ref(), &join(at, "fichier"));
        let recovered = match (raw.recouvre, raw.recouvre_le) {
            (Some(m), Some(d)) => Some((d.0, m.0)),
            (Some(m), None) if m.0.is_zero() => None,
            (Some(_), None) => {
                self.push(
                    rules::FIELD_VALUE
                        .report("somme recouvrée sans date de réception")
                        .field(join(at, "recouvre_le"))
                        .hint("écrivez « recouvre_le: AAAA-MM-JJ », le jour où vous avez reçu les fonds : ils sont imputés ce jour-là"),
                );
                None
            }
            (None, Some(_)) => {
                self.push(
                    rules::FIELD_VALUE
                        .report("date de réception sans somme recouvrée")
                        .field(join(at, "recouvre"))
                        .hint("écrivez « recouvre: \"…\" », la somme reçue"),
                );
                None
            }
            (None, None) => None,
        };
        Some(EnforcementAct {
            kind: match raw.kind? {
                RawEnforcementKind::SaisieAttribution => EnforcementKind::Attachment,
                RawEnforcementKind::SaisieVente => EnforcementKind::Sale,
                RawEnforcementKind::SaisieRemunerations => EnforcementKind::Wages,
            },
            date: raw.date?.0,
            third_party: raw.tiers.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            cost: raw.frais.map_or(Decimal::ZERO, |m| m.0),
            recovered,
            file,
            field: at.to_string(),
        })
    }

    /// A bank account; a bad IBAN is reported and the account left out.
    pub fn account(&mut self, raw: &RawAccount, at: &str) -> Option<Account> {
        let iban = ids::compact(raw.iban.as_deref()?).to_uppercase();
        if let Some(why) = ids::iban_problem(&iban) {
            self.push(
                rules::IBAN
                    .report(format!("IBAN invalide : {why}"))
                    .field(join(at, "iban"))
                    .hint("recopiez-le depuis le relevé bancaire"),
            );
            return None;
        }
        let clean = |s: &Option<String>| s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Some(Account { iban, bic: clean(&raw.bic).map(|b| b.to_uppercase()), bank: clean(&raw.banque) })
    }

    /// `comptes`, `employeur` and `biens`: the debtor's only (a creditor's are refused).
    pub fn assets(&mut self, raw: &RawParty, at: &str, is_creditor: bool) -> DebtorAssets {
        if is_creditor {
            for (key, given) in [
                ("comptes", !raw.comptes.is_empty()),
                ("employeur", raw.employeur.is_some()),
                ("biens", !raw.biens.is_empty()),
            ] {
                if given {
                    self.push(
                        rules::FIELD_VALUE
                            .report(format!("« {key} » décrit les biens du débiteur, pas ceux du créancier"))
                            .field(join(at, key))
                            .hint("déplacez ce bloc sous « debiteur » ; le compte du créancier s'écrit « iban » et « bic »"),
                    );
                }
            }
            return DebtorAssets::default();
        }
        let accounts = raw
            .comptes
            .iter()
            .enumerate()
            .filter_map(|(i, a)| self.account(a, &item(&join(at, "comptes"), i)))
            .collect();
        let employer = raw.employeur.as_ref().and_then(|e| {
            Some(Employer {
                name: e.nom.as_ref().map(|n| n.trim().to_string()).filter(|n| !n.is_empty())?,
                address: e.adresse.as_ref().and_then(|a| self.address_of(a, &join(at, "employeur.adresse"))),
            })
        });
        let goods = raw
            .biens
            .iter()
            .filter_map(|b| {
                Some(Asset {
                    description: b.description.as_ref().map(|d| d.trim().to_string()).filter(|d| !d.is_empty())?,
                    place: b.lieu.as_ref().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
                })
            })
            .collect();
        DebtorAssets { accounts, employer, goods }
    }
}

/// The dates of the title's life, in order, none after the day of the décompte (R080).
pub fn title_dates(order: &crate::case::model::Order, on: NaiveDate, out: &mut Vec<Diagnostic>) {
    let mut report = |what: String, field: String, hint: &str| {
        out.push(rules::TITLE_DATES.report(what).field(field).hint(hint.to_string()));
    };
    let fr = crate::format::date_fr;
    // A document dated after the day of the décompte (`what`: « signification datée »…).
    let late = |date: NaiveDate, what: &str| {
        (date > on).then(|| format!("{what} du {}, après la date de calcul ({})", fr(date), fr(on)))
    };
    if let Some(s) = &order.service {
        if s.date < order.date {
            report(
                format!("signification du {} antérieure à l'ordonnance du {}", fr(s.date), fr(order.date)),
                join(ORDER, "signification.date"),
                "recopiez la date de l'acte de signification",
            );
        }
        if let Some(what) = late(s.date, "signification datée") {
            let hint = "n'écrivez la signification qu'une fois faite, ou vérifiez « date_calcul »";
            report(what, join(ORDER, "signification.date"), hint);
        }
    }
    let served = order.service.as_ref().map(|s| s.date);
    if let Some(c) = &order.certificate {
        if served.is_none_or(|s| c.date < s) {
            report(
                format!("certificat de non-opposition du {} sans signification antérieure", fr(c.date)),
                join(ORDER, "certificat_non_opposition.date"),
                "le greffe le délivre après le délai d'opposition qui suit la signification : décrivez « signification »",
            );
        }
        if let Some(what) = late(c.date, "certificat daté") {
            report(what, join(ORDER, "certificat_non_opposition.date"), "vérifiez « date_calcul »");
        }
    }
    if let Some(o) = &order.opposition
        && (served.is_none_or(|s| o.date < s) || o.date > on)
    {
        report(
            format!("opposition du {} hors de la période entre la signification et la date de calcul", fr(o.date)),
            join(ORDER, "opposition.date"),
            "l'opposition suit la signification (art. 1416 CPC) : vérifiez les deux dates",
        );
    }
    for act in &order.acts {
        if served.is_none_or(|s| act.date < s) || act.date > on {
            report(
                format!(
                    "{} du {} hors de la période entre la signification et la date de calcul",
                    act.kind.label(),
                    fr(act.date)
                ),
                join(&act.field, "date"),
                "une mesure d'exécution suit la signification du titre : vérifiez sa date",
            );
        }
        if let Some((d, _)) = act.recovered
            && (d < act.date || d > on)
        {
            report(
                format!(
                    "fonds reçus le {}, hors de la période entre l'acte du {} et la date de calcul",
                    fr(d),
                    fr(act.date)
                ),
                join(&act.field, "recouvre_le"),
                "le jour où les fonds ont été reçus, après l'acte",
            );
        }
    }
}

/// A transfer's account not among the debtor's known accounts: a warning that offers it (R082).
pub fn payer_accounts(payments: &[Payment], assets: &DebtorAssets, out: &mut Vec<Diagnostic>) {
    for (i, p) in payments.iter().enumerate() {
        let Some(a) = &p.payer_account else { continue };
        if assets.accounts.iter().any(|k| k.iban == a.iban) {
            continue;
        }
        out.push(
            rules::PAYER_ACCOUNT
                .report(format!(
                    "le paiement du {} vient du compte {} : il n'est pas parmi les comptes connus du débiteur",
                    crate::format::date_fr(p.date),
                    ids::format_iban(&a.iban)
                ))
                .field(item("paiements", i) + ".compte_payeur")
                .hint(format!(
                    "s'il est bien celui du débiteur, ajoutez sous « debiteur » : « comptes: [{{ iban: {}{} }}] » ; il figurera alors dans la demande d'exécution",
                    a.iban,
                    a.bic.as_ref().map(|b| format!(", bic: {b}")).unwrap_or_default()
                )),
        );
    }
}
