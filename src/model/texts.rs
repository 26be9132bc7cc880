//! Load stage, model: the one walk over a briefing's translatable texts. It names each by
//! its [`TextKey`] and [`TextKind`]; the catalogue is built from it when a briefing is
//! loaded, and a translation is applied through it when a language is resolved.

use indexmap::IndexMap;

use super::{Brief, Issue, Point, Section, TextKey, TextKind};

/// What the walk calls for each text: its key, its kind and the text itself.
pub(crate) type Visit<'v> = dyn FnMut(&TextKey, TextKind, &mut String) + 'v;

impl Brief {
    /// Calls `visit` with the key, kind and a mutable reference of every translatable
    /// string, in source order.
    pub(crate) fn visit_texts(&mut self, visit: &mut Visit) {
        let root = TextKey::default();
        visit(&root.child("title"), TextKind::Prose, &mut self.title);
        opt(visit, &root.child("subtitle"), TextKind::Prose, &mut self.subtitle);
        visit(&root.child("organisation"), TextKind::Name, &mut self.organisation);
        opt(visit, &root.child("event"), TextKind::Prose, &mut self.event);
        if let Some(logo) = &mut self.logo {
            visit(&TextKey::of(&["logo", "alt"]), TextKind::Name, &mut logo.alt);
        }
        opt(visit, &root.child("about"), TextKind::Prose, &mut self.about);
        opt(visit, &root.child("notes"), TextKind::Note, &mut self.notes);
        if let Some(section) = &mut self.opening {
            section.visit_texts(&root.child("opening"), visit);
        }
        if let Some(section) = &mut self.developments {
            section.visit_texts(&root.child("developments"), visit);
        }
        let issues = root.child("issues");
        for (id, issue) in &mut self.issues {
            issue.visit_texts(&issues.child(id), visit);
        }
        let contact = root.child("contact");
        opt(visit, &contact.child("text"), TextKind::Prose, &mut self.contact.text);
        opt(visit, &contact.child("name"), TextKind::Name, &mut self.contact.name);
        opt(visit, &contact.child("notes"), TextKind::Note, &mut self.contact.notes);
        if let Some(report) = &mut self.report {
            visit(&TextKey::of(&["report", "title"]), TextKind::Prose, &mut report.title);
        }
        let states = root.child("states");
        for (code, name) in &mut self.states {
            visit(&states.child(code), TextKind::Name, name);
        }
    }
}

impl Brief {
    /// Adds every recommending State written by name (`by = "Holy See"`) to `states`, named
    /// as written, so that it is a text translators can translate like the others; a
    /// State given by code is named from CLDR in each language instead.
    pub(crate) fn list_named_states(&mut self) {
        let findings = self.issues.values().flat_map(|issue| issue.findings.values());
        let named: Vec<String> = findings
            .flat_map(|finding| finding.previous.values())
            .flat_map(|previous| previous.by.iter())
            .filter(|state| !super::is_state_code(state))
            .cloned()
            .collect();
        for name in named {
            self.states.entry(name.clone()).or_insert(name);
        }
    }
}

impl Section {
    fn visit_texts(&mut self, key: &TextKey, visit: &mut Visit) {
        visit(&key.child("heading"), TextKind::Prose, &mut self.heading);
        visit_points(&key.child("items"), &mut self.items, visit);
        opt(visit, &key.child("notes"), TextKind::Note, &mut self.notes);
    }
}

impl Issue {
    fn visit_texts(&mut self, key: &TextKey, visit: &mut Visit) {
        visit(&key.child("title"), TextKind::Prose, &mut self.title);
        opt(visit, &key.child("summary"), TextKind::Prose, &mut self.summary);
        visit_points(&key.child("points"), &mut self.points, visit);
        opt(visit, &key.child("notes"), TextKind::Note, &mut self.notes);
        let findings = key.child("findings");
        for (id, finding) in &mut self.findings {
            let key = findings.child(id);
            visit(&key.child("title"), TextKind::Prose, &mut finding.title);
            let previous = key.child("previous");
            for (pid, recommendation) in &mut finding.previous {
                visit(&previous.child(pid).child("text"), TextKind::Prose, &mut recommendation.text);
            }
            let situation = key.child("situation");
            opt(visit, &situation.child("summary"), TextKind::Prose, &mut finding.situation.summary);
            visit_points(&situation.child("points"), &mut finding.situation.points, visit);
            opt(visit, &key.child("notes"), TextKind::Note, &mut finding.notes);
        }
        let recommendations = key.child("recommendations");
        for (id, rec) in &mut self.recommendations {
            let key = recommendations.child(id);
            if rec.points.is_empty() {
                visit(&key, TextKind::Prose, &mut rec.text);
                continue;
            }
            visit(&key.child("text"), TextKind::Prose, &mut rec.text);
            let points = key.child("points");
            for (sid, point) in &mut rec.points {
                visit(&points.child(sid), TextKind::Prose, point);
            }
        }
        let notes = key.child("recommendations-notes");
        opt(visit, &notes, TextKind::Note, &mut self.recommendations_notes);
    }
}

fn visit_points(key: &TextKey, points: &mut IndexMap<String, Point>, visit: &mut Visit) {
    for (id, point) in points {
        let key = key.child(id);
        match point {
            Point::Text(text) => visit(&key, TextKind::Prose, text),
            Point::Figure(figure) => {
                visit(&key.child("text"), TextKind::Figure, &mut figure.text);
                opt(visit, &key.child("source"), TextKind::Prose, &mut figure.source);
            }
        }
    }
}

fn opt(visit: &mut Visit, key: &TextKey, kind: TextKind, text: &mut Option<String>) {
    if let Some(text) = text {
        visit(key, kind, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_translatable_key_with_its_kind() {
        let mut brief: Brief = toml::from_str(
            r#"lang = "en"
title = "T"
organisation = "O"
contact = { email = "a@b.c" }
[developments]
heading = "D"
items.n = { text = "{value} people", value = 3 }
[issues.one]
title = "I"
notes = "Say this"
recommendations-notes = "And this"
[issues.one.recommendations]
r1 = "Do"
r2 = { text = "Also", points = { s = "sub" } }
"#,
        )
        .expect("parses");
        let mut keys = Vec::new();
        brief.visit_texts(&mut |key, kind, _| keys.push((key.to_string(), kind)));
        let keys: Vec<(&str, TextKind)> = keys.iter().map(|(k, kind)| (k.as_str(), *kind)).collect();
        assert_eq!(
            keys,
            [
                ("title", TextKind::Prose),
                ("organisation", TextKind::Name),
                ("developments.heading", TextKind::Prose),
                ("developments.items.n.text", TextKind::Figure),
                ("issues.one.title", TextKind::Prose),
                ("issues.one.notes", TextKind::Note),
                ("issues.one.recommendations.r1", TextKind::Prose),
                ("issues.one.recommendations.r2.text", TextKind::Prose),
                ("issues.one.recommendations.r2.points.s", TextKind::Prose),
                ("issues.one.recommendations-notes", TextKind::Note),
            ]
        );
    }
}
