//! The property test of the layout, words: the vocabulary of each language the generated
//! briefings are written in.

/// Words of each script the briefings are written in, with some long ones.
pub(super) fn words(lang: &str) -> &'static [&'static str] {
    match lang {
        "ru" | "uk" => &[
            "права",
            "человека",
            "заключённых",
            "принудительный",
            "труд",
            "в",
            "и",
            "на",
            "учреждениях",
            "Федерации",
            "рекомендация",
            "расследование",
            "жертвы",
            "торговли",
            "людьми",
            "не",
            "правозащитной",
            "деятельности",
            "уголовно-исполнительной",
            "системы",
            "2025",
            "года",
            "Межрегиональная",
            "общественная",
            "організація",
            "Українська",
            "Гельсінська",
            "спілка",
        ],
        "ar" | "fa" => &[
            "حقوق",
            "الإنسان",
            "في",
            "السجون",
            "العمل",
            "القسري",
            "الاتجار",
            "بالبشر",
            "الضحايا",
            "التوصية",
            "الدولة",
            "على",
            "من",
            "منظمة",
            "الاتحاد",
            "الروسي",
            "الاستعراض",
            "الدوري",
            "الشامل",
            "زندان",
            "کار",
            "اجباری",
            "قربانیان",
            "سازمان",
            "می‌شود",
            "گزارش",
            "وضعیت",
            "ایران",
            "۲۰۲۵",
        ],
        "zh" => &[
            "人权",
            "监狱",
            "强迫劳动",
            "贩运人口",
            "受害者",
            "建议",
            "国家",
            "的",
            "和",
            "在",
            "调查",
            "起诉",
            "保护",
            "援助",
            "组织",
            "审议",
            "普遍定期",
            "俄罗斯联邦",
            "没有",
            "机制",
        ],
        _ => &[
            "the",
            "of",
            "and",
            "in",
            "prisoners",
            "forced",
            "labour",
            "trafficking",
            "victims",
            "recommendation",
            "State",
            "human",
            "rights",
            "des",
            "droits",
            "de",
            "la",
            "los",
            "derechos",
            "humanos",
            "détenus",
            "Untersuchungshaftvollzugsanstalt",
            "Strafvollzugsüberwachungsinitiative",
            "Menschenrechtsbeobachtungsstelle",
            "2025",
            "12,480",
            "(UPR)",
            "monitoring",
            "detention",
            "international",
            "law",
            "https://www.example.org/reports/2025/annual-report-on-detention",
            "info@example-coalition.org",
        ],
    }
}

/// Codes of States that may recommend.
pub(super) const STATES: &[&str] = &[
    "AM", "QA", "PL", "TH", "LK", "FR", "DE", "BR", "MX", "ZA", "JP", "CA", "AU", "NO", "CH", "IN", "KE",
    "CL", "VA", "GB", "US", "IE",
];

/// A text of `n` words picked by `seed`.
pub(super) fn text(lang: &str, seed: &[u8], n: usize) -> String {
    let words = words(lang);
    let sep = if lang == "zh" { "" } else { " " };
    (0..n.max(1))
        .map(|i| {
            words[seed.get(i % seed.len().max(1)).copied().unwrap_or(0) as usize * (i + 1) % words.len()]
        })
        .collect::<Vec<_>>()
        .join(sep)
}
