"""Word lists of the rule-based baseline, written for this project from annotations/guidelines.md.

Hedge cues follow guidelines §4 (categories of the scheme); attribution cues
and source words follow §3; claim-type markers follow §2 and the decision
rules of the annotation scheme (§7). Phrases match whole words, case-insensitively.
"""

from __future__ import annotations

HEDGE_CUES: dict[str, tuple[str, ...]] = {
    "epistemic_modal": ("may", "might", "could"),
    "epistemic_lexical": ("appears", "appeared", "appear", "apparently", "likely", "unlikely",
                          "not clear", "unclear", "seems", "seemed"),
    "doxastic": ("believed", "believe", "believes", "think", "thinks", "doubt", "doubts",
                 "suspect", "suspected", "assessed"),
    "distancing": ("so-called", "claims", "claimed", "alleged", "allegedly"),
    "weasel": ("on condition of anonymity", "familiar with"),
    "approximator": ("about", "several", "most", "a number of", "hundreds", "dozens",
                     "varying degrees", "nearly", "roughly", "around"),
    "conditional": ("would", "if", "unless"),
}

#: Hedge level a cue category raises the sentence to (guidelines §4); unlisted ones leave it unchanged.
CATEGORY_LEVEL = {"epistemic_modal": "possible", "conditional": "possible",
                  "epistemic_lexical": "probable", "doxastic": "probable"}
#: Cues whose level differs from their category's.
CUE_LEVEL = {"not clear": "possible", "unclear": "possible"}

#: Neutral reporting cues (guidelines §3: take the reporting verb only).
ATTRIBUTION_CUES = ("said", "says", "say", "told", "according to", "described", "reported", "stated",
                    "announced", "added", "confirmed", "acknowledged", "noted", "complained", "wrote",
                    "posted", "concluded")

PEOPLE_PLURAL = ("officials", "sources", "diplomats", "people", "analysts", "commanders", "experts",
                 "officers", "residents", "witnesses", "lawmakers")
PEOPLE_SINGULAR = ("official", "source", "diplomat", "spokesperson", "spokesman", "spokeswoman",
                   "officer", "analyst", "commander", "person", "aide")
MEDIA_WORDS = ("media", "channel", "agency", "newspaper", "report", "statement", "television", "tv",
               "outlet", "website", "broadcaster", "radio", "telegram", "tweet", "post", "document")
GROUP_WORDS = ("command", "ministry", "department", "pentagon", "guards", "corps", "observatory",
               "government", "army", "military", "forces", "militia", "group", "office", "council",
               "administration", "house", "agency", "embassy", "coalition")
#: Capitalised words that do not make a mention named (nationalities, articles, titles).
NOT_NAMES = ("us", "u.s.", "american", "israeli", "iranian", "syrian", "iraqi", "british", "russian",
             "western", "arab", "a", "an", "the", "senior", "two", "eight", "several", "some")
PRONOUNS = ("he", "she", "they", "it", "we")

BYLINE_STARTS = ("by ", "reporting by", "writing by", "editing by", "additional reporting")
UNKNOWN_MARKERS = ("not clear", "unclear", "unknown", "not known")

#: Claim-type markers, in the precedence of guidelines §2.
CAUSAL = ("retaliation", "retaliate", "retaliated", "in response to", "response to", "because",
          "due to", "led to", "caused", "responsible for", "behind the", "blamed", "revenge",
          "to punish", "as a result of", "in return for")
QUANTITY_WORDS = ("first", "only", "hundreds", "thousands", "dozens", "million", "percent", "half",
                  "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twice")
PREDICTION = ("would", "will", "expected to", "could have", "likely to", "plans to", "intends to",
              "going to", "next year")
POSITION = ("vowed", "vows", "denied", "denies", "accused", "accuses", "declined to", "complained",
            "applauded", "condemned", "warned", "called for", "pledged", "refused", "demanded",
            "praised", "rejected", "threatened", "did not take responsibility")
MENTAL = ("reluctant", "wanted to", "feared", "fear", "fears", "worried", "hoped", "hopes",
          "concerned", "view", "views", "regard", "regards", "wary")
