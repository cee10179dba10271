//! « Payer par virement » QR code: the EPC069-12 SEPA credit transfer payload (the « BCD » code
//! French and European banking apps read), drawn as vector graphics for the letters.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use rust_decimal::Decimal;

/// What a transfer needs: the creditor's account and name, the amount asked, the reference.
#[derive(Debug, Clone)]
pub struct Transfer<'a> {
    pub name: &'a str,
    pub iban: &'a str,
    pub bic: Option<&'a str>,
    pub amount: Decimal,
    pub reference: &'a str,
}

/// Longest beneficiary name the standard allows, in characters.
const NAME_MAX: usize = 70;
/// Longest unstructured remittance information, in characters.
const REMITTANCE_MAX: usize = 140;
/// Largest amount the standard allows: 999 999 999,99 € (99 999 999 999 cents).
const AMOUNT_MAX: Decimal = Decimal::from_parts(1_215_752_191, 23, 0, false, 2);

impl Transfer<'_> {
    /// The EPC069-12 payload, version 002, UTF-8 (`1`): one field per line, the amount in euros
    /// with a dot and no thousands separator, left out when it is not one a bank accepts.
    pub fn payload(&self) -> String {
        let iban: String = self.iban.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        let bic = self.bic.map(|b| b.trim().to_uppercase()).unwrap_or_default();
        let amount = self.amount.round_dp(2);
        let amount = if amount >= Decimal::new(1, 2) && amount <= AMOUNT_MAX {
            format!("EUR{amount:.2}")
        } else {
            String::new()
        };
        let name: String = self.name.chars().take(NAME_MAX).collect();
        let reference: String = self.reference.chars().take(REMITTANCE_MAX).collect();
        // Service tag, version, character set, identification, BIC, name, IBAN, amount,
        // purpose (none), structured reference (none), unstructured remittance.
        ["BCD", "002", "1", "SCT", &bic, &name, &iban, &amount, "", "", &reference].join("\n")
    }

    /// The QR code as SVG (error correction M, as the standard asks), without its quiet zone: the
    /// layout leaves white space around it. `None` when the payload
    /// cannot be encoded (it always fits: at most 331 bytes, well within a version-13 code).
    pub fn svg(&self) -> Option<String> {
        let code = QrCode::with_error_correction_level(self.payload().as_bytes(), EcLevel::M).ok()?;
        Some(code.render::<svg::Color>().quiet_zone(false).module_dimensions(4, 4).build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_follows_epc069_12() {
        let t = Transfer {
            name: "Imprimerie Lumière",
            iban: "FR76 1010 7001 7500 0204 5678 930",
            bic: Some("bredfrpp"),
            amount: Decimal::new(260494, 2),
            reference: "IMP-2026-118 IL-2026-0931",
        };
        assert_eq!(
            t.payload(),
            "BCD\n002\n1\nSCT\nBREDFRPP\nImprimerie Lumière\nFR7610107001750002045678930\nEUR2604.94\n\n\nIMP-2026-118 IL-2026-0931"
        );
    }

    #[test]
    fn amount_out_of_range_is_left_for_the_payer() {
        let mut t = Transfer { name: "A", iban: "FR76", bic: None, amount: Decimal::ZERO, reference: "R" };
        assert_eq!(t.payload().lines().nth(7), Some(""));
        t.amount = Decimal::new(100_000_000_000, 2) * Decimal::new(100, 0);
        assert_eq!(t.payload().lines().nth(7), Some(""));
        t.amount = AMOUNT_MAX;
        assert_eq!(t.payload().lines().nth(7), Some("EUR999999999.99"));
        t.amount = Decimal::new(1, 2);
        assert_eq!(t.payload().lines().nth(7), Some("EUR0.01"));
    }

    #[test]
    fn long_name_and_reference_are_cut_to_the_standard() {
        let name = "N".repeat(90);
        let reference = "R".repeat(200);
        let t = Transfer { name: &name, iban: "FR76", bic: None, amount: Decimal::ONE, reference: &reference };
        let payload = t.payload();
        let lines: Vec<&str> = payload.lines().collect();
        assert_eq!(lines[5].chars().count(), NAME_MAX);
        assert_eq!(lines[10].chars().count(), REMITTANCE_MAX);
        assert!(t.svg().is_some_and(|s| s.starts_with("<?xml") && s.contains("<path")));
    }
}
