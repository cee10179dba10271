//! The JSON Schema of what templates receive: `/data.json` of a compilation, the file
//! `recouvre build --donnees` writes. Committed as `schemas/template-data.schema.json`.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use super::PartData;

/// Where the committed schema lives, relative to the repository.
pub const SCHEMA_PATH: &str = "schemas/template-data.schema.json";

/// What `templates/main.typ` reads at `/data.json`: the parts of one compilation, in order, each
/// with its template's name and its data (described in French below, for template authors).
#[derive(Debug, JsonSchema)]
#[schemars(
    title = "Données des modèles recouvre",
    description = "Ce que lit templates/main.typ dans /data.json (et qu’écrit « recouvre build --donnees ») : \
                   les parties d’une compilation, dans l’ordre, chacune avec le nom de son modèle et les \
                   données qu’il met en page. Montants en texte à deux décimales (« 1234.50 »), dates \
                   AAAA-MM-JJ ; les taux qu’un document imprime arrivent écrits (« 12,15 % », champs \
                   `*_texte`). La créance est partout l’objet `decompte` qu’imprime « recouvre decompte \
                   --format json ». Un champ qui vaut null est toujours présent ; un champ qui peut \
                   manquer n’est pas requis."
)]
pub struct TemplateInput {
    /// Le titre du PDF assemblé : « référence — étape ».
    pub title: String,
    /// Le nom du créancier.
    pub author: String,
    pub parts: Vec<PartData>,
}

/// The schema as `recouvre schema --donnees` prints it. It describes what recouvre writes (a
/// field that is `null` is required all the same; a field sometimes absent is not) and nothing
/// more: an object has no other field than those listed.
pub fn schema() -> Value {
    let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut value = generator.into_root_schema_for::<TemplateInput>().to_value();
    closed(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), Value::String("https://recouvre.fr/schemas/template-data.schema.json".into()));
    }
    value
}

/// Every object schema that lists its properties admits no other.
fn closed(schema: &mut Value) {
    match schema {
        Value::Object(obj) => {
            if obj.contains_key("properties") && !obj.contains_key("additionalProperties") {
                obj.insert("additionalProperties".into(), Value::Bool(false));
            }
            obj.values_mut().for_each(closed);
        }
        Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}

/// The schema as pretty JSON with a final newline, exactly as committed.
pub fn schema_text() -> String {
    crate::case::schema::pretty(&schema())
}
