//! Helper: which PPPP and financing models the country may use, from each
//! model's `eligible` tests and the lists built into dgplan (IDA-eligible
//! countries, EU member states). A plan names only models the country may
//! use; a component whose listed models are all closed to it is financed
//! by the framework's fallback model.

use super::Given;
use crate::framework::{Component, PpppModel};
use crate::reference::Reference;

/// Whether the country may use `model`: any one of its tests is enough.
pub fn may_use(given: &Given, model: &PpppModel) -> bool {
    let Some(eligible) = &model.eligible else {
        return true;
    };
    let country = &given.input.country;
    let reference = Reference::builtin();
    (eligible.ida && reference.ida.contains(&country.iso3))
        || (eligible.eu && reference.eu.contains(&country.iso3))
        || (!eligible.income.is_empty()
            && country
                .income_group
                .is_none_or(|g| eligible.income.contains(&g)))
}

/// The models a component may be financed by in this country, best first:
/// those it lists that the country may use, else the fallback model.
pub fn options<'f>(given: &Given<'f>, component: &Component) -> Vec<&'f PpppModel> {
    let framework = given.framework;
    let open: Vec<&PpppModel> = component
        .financing
        .iter()
        .filter_map(|m| framework.pppp_model(m))
        .filter(|m| may_use(given, m))
        .collect();
    if open.is_empty() {
        framework
            .pppp_model(&framework.meta.fallback_financing)
            .into_iter()
            .collect()
    } else {
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    fn usable(sample: (crate::framework::Framework, crate::input::CountryInput)) -> Vec<String> {
        let (framework, input) = sample;
        let given = Given::new(&input, &framework);
        framework
            .pppp_models
            .iter()
            .filter(|m| may_use(&given, m))
            .map(|m| m.id.name.clone())
            .collect()
    }

    #[test]
    fn ida_finance_is_for_ida_countries_only() {
        let korea = usable(testing::korea());
        assert!(!korea.contains(&"concessional_loan".to_string()));
        assert!(!korea.contains(&"donor_grant".to_string()));
        assert!(korea.contains(&"budget_line".to_string()));
        let lao = usable(testing::lao());
        assert!(lao.contains(&"concessional_loan".to_string()));
        assert!(lao.contains(&"donor_grant".to_string()));
    }

    #[test]
    fn a_component_with_no_usable_model_falls_back_to_the_budget_line() {
        let (mut framework, input) = testing::korea();
        let index = framework
            .components
            .iter()
            .position(|c| c.id.name == "government-network")
            .unwrap();
        framework.components[index].financing = vec![crate::framework::Ident {
            name: "concessional_loan".into(),
            span: 0..0,
        }];
        let given = Given::new(&input, &framework);
        let component = &framework.components[index];
        let ids: Vec<&str> = options(&given, component)
            .iter()
            .map(|m| &*m.id.name)
            .collect();
        assert_eq!(ids, [&*framework.meta.fallback_financing.name]);
        let (framework, input) = testing::lao();
        let given = Given::new(&input, &framework);
        let network = framework.component("government-network").unwrap();
        assert_eq!(options(&given, network)[0].id.name, "concessional_loan");
    }
}
