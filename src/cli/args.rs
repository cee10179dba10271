//! The command line, as typed: clap derive, French help with an example on every command.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::plan::{Destination, Step};

#[derive(Debug, Parser)]
#[command(
    name = "recouvre",
    version,
    about = "Dossiers de recouvrement de créances : relances, mise en demeure, injonction de payer, petites créances",
    long_about = "recouvre lit un fichier YAML décrivant des factures impayées et produit le dossier de recouvrement \
                  complet : relances, mise en demeure, requête en injonction de payer avec son décompte et son bordereau, \
                  pièces numérotées, dossier PDF unique, manifeste SHA-256 et archive zip.",
    after_help = "Exemple :\n  recouvre build samples/atelier-dupont/case.yaml -o sortie/\n\n\
                  Date du jour : recouvre lit l’horloge de la machine, sauf si --aujourdhui ou la variable \
                  d’environnement RECOUVRE_AUJOURDHUI donne une date fixe (AAAA-MM-JJ) ; elle tient lieu de \
                  date_calcul pour un cas qui n’en donne pas.\n  \
                  RECOUVRE_AUJOURDHUI=2026-11-23 recouvre plan case.yaml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Date du jour à utiliser au lieu de celle de l’horloge (pour des résultats reproductibles)
    #[arg(long, global = true, env = "RECOUVRE_AUJOURDHUI", value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    pub aujourdhui: Option<NaiveDate>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Sources {
    /// Dossier de modèles Typst remplaçant, fichier par fichier, les modèles intégrés
    #[arg(long, value_name = "DOSSIER", global = true)]
    pub templates: Option<PathBuf>,
    /// Fichier de taux (CSV ou YAML) complétant ou remplaçant les tables intégrées
    #[arg(long, value_name = "FICHIER", global = true)]
    pub taux: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ModelsAction {
    /// Écrit les modèles intégrés dans un dossier, avec un guide des données qu'ils reçoivent
    Exporter {
        /// Dossier à créer (doit être absent ou vide)
        #[arg(value_name = "DOSSIER")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Produit le dossier d'un cas : documents PDF, pièces tamponnées, dossier complet, manifeste et zip
    #[command(
        after_help = "Exemples :\n  recouvre build samples/atelier-dupont/case.yaml -o sortie/\n  recouvre build case.yaml --etape mise_en_demeure\n  recouvre build case.yaml --pour commissaire"
    )]
    Build {
        /// Le fichier YAML du cas, ou son dossier (qui contient case.yaml)
        #[arg(value_name = "CAS")]
        case: PathBuf,
        /// Dossier de sortie : le dossier est écrit dans SORTIE/<référence>/<date>-<étape>/
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "SORTIE", default_value = "sortie")]
        out: PathBuf,
        /// Force une étape au lieu de celle que recouvre déduit du cas
        #[arg(long, value_enum, value_name = "ETAPE")]
        etape: Option<StepArg>,
        /// Destinataire du dossier judiciaire
        #[arg(long, value_enum, value_name = "DESTINATAIRE")]
        pour: Option<DestinationArg>,
        /// Écrit aussi les données JSON transmises aux modèles (pour écrire ses propres modèles)
        #[arg(long, value_name = "FICHIER")]
        donnees: Option<PathBuf>,
        /// Écrit aussi chaque relance en courriel (.eml, brouillon à ouvrir dans la messagerie, lettre en pièce jointe)
        #[arg(long)]
        courriel: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Vérifie un cas sans rien écrire : toutes les erreurs et tous les avertissements d'un coup
    #[command(after_help = "Exemple :\n  recouvre check samples/atelier-dupont/case.yaml")]
    Check {
        /// Le fichier YAML du cas, ou son dossier (qui contient case.yaml)
        #[arg(value_name = "CAS")]
        case: PathBuf,
        /// Format de sortie : texte (fichier:ligne:colonne) ou JSON
        #[arg(long, value_enum, default_value = "texte")]
        format: TextOrJson,
        #[command(flatten)]
        sources: Sources,
    },
    /// Calcule le décompte : principal, pénalités ou intérêts par semestre, indemnités
    #[command(
        after_help = "Exemples :\n  recouvre decompte samples/atelier-dupont/case.yaml\n  recouvre decompte case.yaml --au 2026-12-31 --format json"
    )]
    Decompte {
        /// Le fichier YAML du cas, ou son dossier (qui contient case.yaml)
        #[arg(value_name = "CAS")]
        case: PathBuf,
        /// Date du calcul (défaut : date_calcul du cas)
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        au: Option<NaiveDate>,
        /// Format de sortie : tableau, JSON (pour les outils) ou CSV (pour un tableur français)
        #[arg(long, value_enum, default_value = "table")]
        format: StatementFormat,
        #[command(flatten)]
        sources: Sources,
    },
    /// Dit où en est le cas, quel tribunal est compétent et ce que build produira, et pourquoi
    #[command(after_help = "Exemple :\n  recouvre plan samples/atelier-dupont/case.yaml --format json")]
    Plan {
        /// Le fichier YAML du cas, ou son dossier (qui contient case.yaml)
        #[arg(value_name = "CAS")]
        case: PathBuf,
        /// Étape à examiner au lieu de celle que recouvre déduit du cas
        #[arg(long, value_enum, value_name = "ETAPE")]
        etape: Option<StepArg>,
        /// Destinataire du dossier judiciaire
        #[arg(long, value_enum, value_name = "DESTINATAIRE")]
        pour: Option<DestinationArg>,
        /// Dossier de sortie habituel (pour retrouver les documents des étapes précédentes)
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "SORTIE", default_value = "sortie")]
        out: PathBuf,
        /// Format de sortie : texte ou JSON
        #[arg(long, value_enum, default_value = "texte")]
        format: TextOrJson,
        #[command(flatten)]
        sources: Sources,
    },
    /// Produit une lettre de relance (1 : courtoise, 2 : ferme, 3 : dernier avis)
    #[command(
        after_help = "Exemples :\n  recouvre relance case.yaml --niveau 2 -o sortie/\n  recouvre relance case.yaml --courriel -o sortie/   (lettre PDF et courriel .eml)"
    )]
    Relance {
        /// Le fichier YAML du cas, ou son dossier (qui contient case.yaml)
        #[arg(value_name = "CAS")]
        case: PathBuf,
        /// Niveau de la relance (défaut : la suivante d'après les relances écrites déjà faites)
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3))]
        niveau: Option<u8>,
        /// Dossier de sortie : la lettre est écrite dans SORTIE/<référence>/<date>-relance/
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "SORTIE", default_value = "sortie")]
        out: PathBuf,
        /// Écrit aussi chaque relance en courriel (.eml, brouillon à ouvrir dans la messagerie, lettre en pièce jointe)
        #[arg(long)]
        courriel: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Affiche le schéma JSON du fichier de cas, du profil du créancier (pour les éditeurs) ou des
    /// données reçues par les modèles
    #[command(
        after_help = "Exemples :\n  recouvre schema > case.schema.json\n  recouvre schema --profil > profile.schema.json\n  recouvre schema --donnees > template-data.schema.json"
    )]
    Schema {
        /// Le schéma du profil du créancier (recouvre.yaml) au lieu de celui du cas
        #[arg(long, conflicts_with = "donnees")]
        profil: bool,
        /// Le schéma des données que reçoit chaque modèle (ce qu’écrit « build --donnees ») :
        /// pour qui écrit ou adapte un modèle
        #[arg(long)]
        donnees: bool,
    },
    /// Crée un dossier de départ qui se construit tel quel
    #[command(
        after_help = "Exemples :\n  recouvre init mon-dossier && recouvre build mon-dossier/case.yaml\n  recouvre init clients --profil   (le créancier dans clients/recouvre.yaml, commun à tous ses cas)"
    )]
    Init {
        /// Dossier à créer (doit être absent ou vide)
        #[arg(value_name = "DOSSIER")]
        dir: PathBuf,
        /// Écrit aussi le profil du créancier (recouvre.yaml : identité, banque, conditions), que
        /// chaque cas placé dans ce dossier ou en dessous reprend sans le répéter
        #[arg(long)]
        profil: bool,
    },
    /// Les modèles de documents intégrés, pour une mise en page propre à votre cabinet
    #[command(
        after_help = "Exemple :\n  recouvre modeles exporter mes-modeles && recouvre build case.yaml --templates mes-modeles"
    )]
    Modeles {
        #[command(subcommand)]
        action: ModelsAction,
    },
    /// Construit tous les cas d'un dossier en parallèle, avec une barre de progression et un rapport
    #[command(
        after_help = "Exemples :\n  recouvre batch clients/ -o sortie/\n  recouvre batch clients/ -o sortie/ --jobs 2 --force\n  recouvre batch clients/ -o sortie/part-1 --shard 1/4   (machine 1 sur 4)"
    )]
    Batch {
        /// Dossier contenant les cas (un case.yaml par sous-dossier)
        #[arg(value_name = "DOSSIER")]
        dir: PathBuf,
        /// Dossier de sortie : un dossier par cas, plus batch-report.json et batch-report.csv
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "SORTIE")]
        out: PathBuf,
        /// Nombre de cas construits en même temps (défaut : un par cœur)
        #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: Option<u16>,
        /// Destinataire des dossiers judiciaires
        #[arg(long, value_enum, value_name = "DESTINATAIRE")]
        pour: Option<DestinationArg>,
        /// Reconstruit aussi les cas inchangés depuis leur dernière construction réussie
        #[arg(long)]
        force: bool,
        /// Ne construit que la part K sur N des cas (répartition stable par chemin), pour plusieurs machines
        #[arg(long, value_name = "K/N")]
        shard: Option<crate::batch::Shard>,
        /// Affichage de l'avancement
        #[arg(long, value_enum, default_value = "auto")]
        progression: ProgressArg,
        /// Écrit aussi chaque relance en courriel (.eml, brouillon à ouvrir dans la messagerie, lettre en pièce jointe)
        #[arg(long)]
        courriel: bool,
        #[command(flatten)]
        sources: Sources,
    },
    /// Le portefeuille d'un coup d'œil : chaque cas d'un dossier, ses montants, son ancienneté, sa prochaine action
    #[command(
        after_help = "Exemples :\n  recouvre suivi clients/\n  recouvre suivi clients/ --au 2026-12-31 --format csv -o suivi.csv\n  recouvre suivi clients/ --format html -o suivi.html --construits sortie/"
    )]
    Suivi {
        /// Dossier contenant les cas (un case.yaml par sous-dossier)
        #[arg(value_name = "DOSSIER")]
        dir: PathBuf,
        /// Date du suivi : montants, ancienneté et délais à ce jour (défaut : aujourd'hui)
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        au: Option<NaiveDate>,
        /// Format : tableau au terminal, JSON, CSV (tableur français) ou page HTML
        #[arg(long, value_enum, default_value = "table")]
        format: SuiviFormat,
        /// Fichier où écrire le suivi (défaut : la sortie standard)
        #[arg(short = 'o', long = "sortie", value_name = "FICHIER")]
        out: Option<PathBuf>,
        /// Dossier de sortie de build ou batch, pour lier chaque cas à son dernier dossier construit
        #[arg(long, value_name = "SORTIE")]
        construits: Option<PathBuf>,
        #[command(flatten)]
        sources: Sources,
    },
    /// Outils sur les rapports de lot
    #[command(name = "batch-report", subcommand)]
    BatchReport(BatchReportCommand),
    /// Liste les règles vérifiées, avec leur code et leur niveau
    #[command(after_help = "Exemple :\n  recouvre regles")]
    Regles,
    /// Crée des dossiers de cas à partir de factures Factur-X ou d'une balance âgée
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Lit des factures électroniques (PDF Factur-X, XML CII ou UBL) : un dossier de cas par couple vendeur–client
    #[command(
        name = "factures",
        alias = "factur-x",
        after_help = "Formats lus : PDF Factur-X, ZUGFeRD ou XRechnung (avec leur XML joint) ; XML seul en CII (Factur-X, \
                      XRechnung) ou en UBL 2.1 (Peppol BIS Billing 3), les formats de la facturation électronique.\n\
                      Exemples :\n  recouvre import factures factures/*.pdf -o dossiers/\n  recouvre import factures factures/ -o dossiers/ --force\n  \
                      recouvre import factur-x facture.xml -o dossiers/   (ancien nom, toujours accepté)"
    )]
    FacturX {
        /// PDF Factur-X, ZUGFeRD ou XRechnung, XML CII ou UBL, ou dossiers qui en contiennent
        #[arg(required = true, value_name = "FICHIER")]
        files: Vec<PathBuf>,
        /// Dossier où écrire un dossier de cas par débiteur
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "DOSSIER")]
        out: PathBuf,
        /// Remplace les dossiers de cas existants (les modifications faites à la main sont perdues)
        #[arg(long)]
        force: bool,
    },
    /// Lit une balance âgée ou un export des factures ouvertes (CSV, xlsx, ods) : un dossier de cas par débiteur
    #[command(
        after_long_help = crate::import::columns_help(),
        after_help = "Exemples :\n  recouvre import balance balance.csv -o dossiers/ --creancier creancier.yaml --tiers clients.csv\n  recouvre import balance export.csv -o dossiers/ --colonnes colonnes.yaml --taux-tva 10"
    )]
    Balance {
        /// L'export : CSV (séparateur ; , ou tabulation ; UTF-8 ou Windows-1252) ou classeur xlsx, xls, ods
        #[arg(value_name = "FICHIER")]
        csv: PathBuf,
        /// Dossier où écrire un dossier de cas par débiteur
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "DOSSIER")]
        out: PathBuf,
        /// Fichier CSV des tiers : identité des débiteurs (SIREN, adresse…), par code client ou par nom
        #[arg(long, value_name = "TIERS.csv")]
        tiers: Option<PathBuf>,
        /// Fichier YAML nommant les colonnes quand les en-têtes ne sont pas reconnus (champ: en-tête) ; champs et en-têtes reconnus : --help
        #[arg(long, value_name = "COLONNES.yaml")]
        colonnes: Option<PathBuf>,
        /// Fichier YAML avec le bloc « creancier » (un case.yaml existant convient)
        #[arg(long, value_name = "CREANCIER.yaml")]
        creancier: Option<PathBuf>,
        /// Taux de TVA pour séparer HT et TVA quand l'export ne donne que le TTC
        #[arg(long, value_name = "TAUX", default_value = "20", value_parser = parse_rate)]
        taux_tva: rust_decimal::Decimal,
        /// Remplace les dossiers de cas existants (les modifications faites à la main sont perdues)
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BatchReportCommand {
    /// Fusionne les rapports des parts d'un lot (--shard) en un seul
    #[command(after_help = "Exemple :\n  recouvre batch-report merge part-*/batch-report.json -o sortie/")]
    Merge {
        /// Les batch-report.json de chaque part
        #[arg(required = true, value_name = "RAPPORTS")]
        reports: Vec<PathBuf>,
        /// Dossier où écrire batch-report.json et batch-report.csv fusionnés
        #[arg(short = 'o', long = "sortie", alias = "out", value_name = "SORTIE")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressArg {
    Auto,
    Lignes,
    Aucune,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Texte,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuiviFormat {
    Table,
    Json,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatementFormat {
    Table,
    Json,
    Csv,
}

fn parse_rate(s: &str) -> Result<rust_decimal::Decimal, String> {
    let bad = || format!("taux invalide « {s} » : écrivez un pourcentage entre 0 et 100, par exemple 20 ou 5,5");
    let rate: rust_decimal::Decimal = s.trim().trim_end_matches('%').replace(',', ".").parse().map_err(|_| bad())?;
    if rate.is_sign_negative() || rate > rust_decimal::Decimal::from(100) {
        return Err(bad());
    }
    Ok(rate)
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    // A case value's message and its hint are separated by U+001F: one line here.
    s.parse::<crate::case::values::Date>().map(|d| d.0).map_err(|e| e.replace('\u{1f}', " ; "))
}

/// `--etape`: a step of the ladder, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StepArg {
    /// Relances amiables seulement
    #[value(name = "relance")]
    Reminder,
    /// Mise en demeure à envoyer (avec la relance due, s’il y en a une)
    #[value(name = "mise_en_demeure")]
    FormalNotice,
    /// Mise en demeure envoyée, délai pas encore expiré : rien à déposer
    #[value(name = "attente")]
    Waiting,
    /// Dossier judiciaire : requête en injonction de payer
    #[value(name = "injonction_de_payer")]
    PaymentOrder,
    /// Demande à un commissaire de justice (petites créances, art. L. 125-1 CPCE)
    #[value(name = "petites_creances")]
    SmallClaims,
    /// Ordonnance rendue : signification et exécution par un commissaire de justice
    #[value(name = "signification")]
    Service,
    /// Assignation en référé-provision, à faire signifier par un commissaire de justice
    #[value(name = "refere_provision")]
    InterimPayment,
    /// Assignation en paiement au fond, à faire signifier par un commissaire de justice
    #[value(name = "assignation")]
    Merits,
    /// Débiteur en procédure collective : déclaration de créance au mandataire judiciaire
    #[value(name = "declaration_de_creance")]
    ClaimFiling,
    /// Délai de déclaration expiré : requête en relevé de forclusion au juge-commissaire
    #[value(name = "releve_de_forclusion")]
    ForeclosureRelief,
    /// Ordonnance signifiée : certificat de non-opposition ou déclaration d’absence d’avis, puis demande d’exécution
    #[value(name = "execution")]
    Enforcement,
}

impl From<StepArg> for Step {
    fn from(arg: StepArg) -> Self {
        match arg {
            StepArg::Reminder => Step::Reminder,
            StepArg::FormalNotice => Step::FormalNotice,
            StepArg::Waiting => Step::Waiting,
            StepArg::PaymentOrder => Step::PaymentOrder,
            StepArg::SmallClaims => Step::SmallClaims,
            StepArg::Service => Step::Service,
            StepArg::InterimPayment => Step::InterimPayment,
            StepArg::Merits => Step::Merits,
            StepArg::ClaimFiling => Step::ClaimFiling,
            StepArg::ForeclosureRelief => Step::ForeclosureRelief,
            StepArg::Enforcement => Step::Enforcement,
        }
    }
}

/// `--pour`: who the court dossier is for, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DestinationArg {
    /// Le greffe : requête en injonction de payer, ou en relevé de forclusion
    #[value(name = "greffe")]
    CourtRegistry,
    /// Un commissaire de justice : petites créances, signification d’une ordonnance, ou assignation à signifier
    #[value(name = "commissaire")]
    JudicialOfficer,
    /// Le mandataire judiciaire : déclaration de créance d’un débiteur en procédure collective
    #[value(name = "mandataire")]
    Trustee,
}

impl From<DestinationArg> for Destination {
    fn from(arg: DestinationArg) -> Self {
        match arg {
            DestinationArg::CourtRegistry => Destination::CourtRegistry,
            DestinationArg::JudicialOfficer => Destination::JudicialOfficer,
            DestinationArg::Trustee => Destination::Trustee,
        }
    }
}
