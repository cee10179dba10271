//! French company identifiers and bank accounts: SIREN / SIRET (Luhn) and IBAN (mod 97).

/// La Poste's SIREN: its SIRETs follow a digit-sum rule instead of Luhn.
const LA_POSTE_SIREN: &str = "356000000";

fn digits_only(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

/// Luhn checksum over decimal digits.
pub fn luhn(number: &str) -> bool {
    let Some(digits) = digits_only(number) else {
        return false;
    };
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Removes the spaces users type between groups of digits.
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Why a SIREN is not valid, or `None` when it is.
pub fn siren_problem(siren: &str) -> Option<&'static str> {
    let s = compact(siren);
    if s.len() != 9 || digits_only(&s).is_none() {
        Some("un SIREN compte exactement 9 chiffres")
    } else if !luhn(&s) {
        Some("la clé de contrôle (Luhn) est fausse : un chiffre est probablement mal recopié")
    } else {
        None
    }
}

/// Why a SIRET is not valid, or `None` when it is.
pub fn siret_problem(siret: &str) -> Option<&'static str> {
    let s = compact(siret);
    if s.len() != 14 || digits_only(&s).is_none() {
        return Some("un SIRET compte exactement 14 chiffres");
    }
    if s.starts_with(LA_POSTE_SIREN) {
        let sum: u32 = digits_only(&s).unwrap_or_default().iter().sum();
        return (!sum.is_multiple_of(5)).then_some("la clé de contrôle des SIRET de La Poste est fausse");
    }
    if !luhn(&s) {
        return Some("la clé de contrôle (Luhn) est fausse : un chiffre est probablement mal recopié");
    }
    if siren_problem(&s[..9]).is_some() {
        return Some("ses 9 premiers chiffres ne forment pas un SIREN valide");
    }
    None
}

/// Why a French intra-community VAT number does not match `siren`, or `None` when it does (or is
/// not French): « FR », a two-digit key equal to (12 + 3 × (SIREN mod 97)) mod 97, the SIREN.
pub fn vat_problem(vat: &str, siren: &str) -> Option<String> {
    let v = compact(vat).to_uppercase();
    let rest = v.strip_prefix("FR")?;
    let (key, number) = rest.split_at_checked(2)?;
    let siren = compact(siren);
    if number != siren {
        return Some(format!("il doit se terminer par le SIREN {siren}"));
    }
    let expected = (12 + 3 * (siren.parse::<u64>().ok()? % 97)) % 97;
    (key != format!("{expected:02}")).then(|| format!("sa clé est {expected:02} : FR{expected:02}{siren}"))
}

/// Why an IBAN is not valid, or `None` when it is (ISO 13616, mod 97).
pub fn iban_problem(iban: &str) -> Option<&'static str> {
    let s = compact(iban).to_uppercase();
    if s.len() < 15 || s.len() > 34 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some("un IBAN compte de 15 à 34 lettres et chiffres");
    }
    let (country, rest) = s.split_at(2);
    if !country.chars().all(|c| c.is_ascii_uppercase()) || !rest[..2].chars().all(|c| c.is_ascii_digit()) {
        return Some("un IBAN commence par le code pays (FR) puis deux chiffres de clé");
    }
    if country == "FR" && s.len() != 27 {
        return Some("un IBAN français compte 27 caractères");
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut remainder: u32 = 0;
    for c in rearranged.chars() {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return Some("caractère non valide dans l'IBAN"),
        };
        let width = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * width + value) % 97;
    }
    (remainder != 1).then_some("la clé de contrôle est fausse : un caractère est probablement mal recopié")
}

/// Groups an IBAN by four for printing.
pub fn format_iban(iban: &str) -> String {
    let s = compact(iban).to_uppercase();
    s.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// `526 018 155` as printed in a letterhead.
pub fn format_siren(siren: &str) -> String {
    let s = compact(siren);
    if s.len() == 9 {
        format!("{} {} {}", &s[..3], &s[3..6], &s[6..])
    } else if s.len() == 14 {
        format!("{} {} {} {}", &s[..3], &s[3..6], &s[6..9], &s[9..])
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_vat_numbers_carry_the_siren_and_its_key() {
        assert_eq!(vat_problem("FR95000912345", "000912345"), None);
        assert_eq!(vat_problem("FR 95 000 912 345", "000 912 345"), None);
        assert_eq!(vat_problem("FR32000912345", "000912345").as_deref(), Some("sa clé est 95 : FR95000912345"));
        assert!(vat_problem("FR95000912352", "000912345").is_some_and(|w| w.contains("000912345")));
        assert_eq!(vat_problem("DE123456789", "000912345"), None);
    }

    #[test]
    fn siren_and_siret() {
        assert_eq!(siren_problem("732829320"), None);
        assert_eq!(siren_problem("732 829 320"), None);
        assert!(siren_problem("732829321").is_some());
        assert!(siren_problem("12345").is_some());
        assert_eq!(siret_problem("73282932000074"), None);
        assert!(siret_problem("73282932000075").is_some());
        assert_eq!(siret_problem("35600000049837"), None);
        assert!(siret_problem("35600000049838").is_some());
    }

    #[test]
    fn iban() {
        assert_eq!(iban_problem("FR7630006000011234567890189"), None);
        assert_eq!(iban_problem("FR76 3000 6000 0112 3456 7890 189"), None);
        assert!(iban_problem("FR7630006000011234567890188").is_some());
        assert!(iban_problem("FR76").is_some());
        assert_eq!(format_iban("FR7630006000011234567890189"), "FR76 3000 6000 0112 3456 7890 189");
    }
}
