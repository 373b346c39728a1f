"""A small learned ranker that chooses among candidate fillers of a role (the subject).

Rules propose several candidates for who a claim is about (noun phrases of the sentence,
names of the document's entity table, the subject the clause rules carried over); each
candidate is described by generic features only — distance, position, before or after the
quantity, part of speech and name shape, a source clause, salience, the kind of claim — never
by its words. To those the ranker adds features read off the whole list of a claim's options
(:func:`list_features`: the nearest option before the quantity, options holding one another or
the rules' choice, shapes of the text, and for predicate and time conjunctions with the claim's
kind). A logistic regression over those features scores each candidate — a dot product over a
few dozen features — ; the best one fills the field and the runners-up are kept for the
reviewer.

The same listwise model ranks the options of the predicate and the time (verb phrases around
the quantity, measured attributes, the counted noun; the time expressions of the clause, the
sentence and the paragraph before it, and no time at all), each field with its own features
(:data:`FIELD_FEATURES`) and weights.

The model is a plain JSON file (``{"version": 1, "bias": b, "weights": {feature: w},
"fields": {"predicate": {feature: w}, "time": {feature: w}}, "lookalike": {...}}``; ``weights``
are the subject's, a field missing from ``fields`` keeps the clause rules' choice first, and
``lookalike`` holds the look-alike filter of :mod:`extractor.lookalike`, without which every
candidate is proposed):
An optional ``"trees": {field: {"shortlist": n, "trees": [[node, ...], ...]}}`` holds boosted
regression trees (:mod:`extractor.trees`, where the node format is described) whose values are
added to the linear scores of each claim's ``n`` best options of that field (:data:`DEFAULT_BOOST`
says which fields have them); trees of an unknown field, of a field without weights, or not
well-formed (an unknown feature, a child that is not a later node, a node with two parents,
deeper than :data:`~extractor.trees.MAX_DEPTH`) make the file a :class:`ModelError`.
An optional ``"document": {field: {"weights": {feature: w}}}`` holds the weights of a second,
document-level pass of that field (:mod:`extractor.docrank`: the first pass's score and the
other claims' first picks, :data:`~extractor.docrank.STACK_FEATURES`); a field the model does not
rank, a key other than ``weights``, an unknown feature or a weight that is not a finite number
make the file a :class:`ModelError`.
``extractor/data/ranker.json`` ships with the package and is rebuilt by
``python -m extractor.train`` from the training part of the gold; ``claimdesk train --db``
builds one from a database's decisions. Pure Python: no numpy, nothing to install.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from operator import attrgetter

from .docrank import STACK_FEATURES
from .lookalike import LookalikeError, LookalikeModel
from .trees import BoostParams, Trees, TreesError, fit_trees, group_weights

#: Format version of a model file.
MODEL_VERSION = 1


class ModelError(ValueError):
    """A model file that cannot be used (the message says why)."""


@dataclass(slots=True)
class Option:
    """One candidate filler of a role.

    Attributes:
        text: the filler as the claim will carry it (aliases resolved).
        start, end: where its mention is in the document (-1 when not written there).
        features: generic feature values (see :data:`FEATURES`).
        score: the ranker's score, filled by :meth:`Ranker.rank`.
        logit: the same score before the logistic (what a second, document-level pass reads,
            :mod:`extractor.docrank`).
    """

    text: str
    start: int
    end: int
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    logit: float = 0.0


#: Every feature a subject option can have (absent = 0). Documented so a reader of the
#: model file knows what each weight means.
FEATURES: dict[str, str] = {
    "rule": "the clause rules (v1) chose this filler",
    "same_clause": "its mention is in the quantity's clause",
    "same_sentence": "its mention is in the quantity's sentence",
    "earlier_sentence": "its mention is in an earlier sentence",
    "previous": "the subject the clause rules chose for the previous claim of the document",
    "topic": "the most salient name of the document (the article's topic)",
    "most_frequent": "the option that occurs most often in the document",
    "topic_term": "a frequent noun of the headline or quoted term of the text (地震, “80后”)",
    "nearest": "the option written nearest before the quantity",
    "first": "the first option written in the quantity's sentence",
    "list_item": "the item of a list aligned with the quantity's place in a list (A、B分别为X、Y)",
    "list_cut": "a respective list's first item cut to the length of the others, after the"
    " category that leads into it (指数基金|华夏红利ETF)",
    "quoted": "a short name in quotes in the quantity's sentence before it (“勇士礼包”)",
    "whole_list": "a whole list of names (A、B、C) before the quantity",
    "suffix_name": "read back from an organisation suffix to a stop (鹏华行业成长基金)",
    "model": "a brand and a model read across spaces (佳能EOS 7D, 宾得Optio P70)",
    "team": "the document writes it as a team's name (湖人队, 不敌湖人: data/team_cues.tsv)",
    "team_result": "a team, when the claim is a team's result (23胜, 5连败, 85-74)",
    "person_result": "a person, when the claim is a team's result",
    "title": "a title in book-title marks (《画壁》: a work, a game, a product)",
    "doc_title": "a title in book-title marks the document writes most often, marks kept",
    "agent": "the noun phrase after 被 (who did it, in a passive clause)",
    "after_de": "the noun phrase after the quantity and 的 (15万平方米的住宅用地)",
    "expanded": "a longer name of the document that this mention abbreviates",
    "as_written": "the mention as written, beside the longer name met before that it was"
    " resolved to (钱德勒 beside 常规赛钱德勒)",
    "table": "it comes from the document's entity table, not from this sentence",
    "recent_dist": "log(1 + characters between the quantity and the nearest place before it"
    " where the option's text is written, wherever its own mention is) / 5",
    "mentions_before": "log(1 + times its text is written before the quantity) / 3",
    "opens_count": "log(1 + times its text is written opening a clause or a sentence) / 3",
    "dist": "log(1 + characters between the mention and the quantity) / 5",
    "after": "its mention follows the quantity",
    "clause_opener": "its mention opens its clause (after times and connectives)",
    "proper": "a token tagged as a proper noun (person, place, organisation, other name)",
    "person": "a token tagged as a person name, or a transliterated name with · or -",
    "place": "a token tagged as a place name",
    "inner": "a name inside a longer noun run (新农合 in 全国新农合筹资水平)",
    "owner": "the owner split off a measured attribute (新农合 of 新农合筹资水平)",
    "prefix": "a noun run of the quantity's clause without its last one or two nouns"
    " (家电 of 家电销售)",
    "org": "it ends with an organisation suffix (公司, 集团, 局, …)",
    "role": "it ends with a role or region suffix (人员, 者, 地区, …)",
    "attr": "it ends with a measured attribute (率, 收入, 面积, …)",
    "generic": "a generic reference (该公司, 公司, 球队, …) resolved to an antecedent",
    "alias": "an alias defined in the text, or a name met before",
    "length": "characters / 10",
    "single_token": "one token",
    "freq": "log(1 + occurrences in the document) / 3",
    "headline": "it occurs in the headline (the text up to the first sentence end)",
    "source": "its clause is a source (据, 表示, 称, 指出, 显示, a dateline) or a speaker",
    "before_de": "the mention is followed by 的 (the owner of what follows)",
    "after_verb": "the mention follows a verb in its clause (an object, not a subject)",
    "stretch": "the words opening the quantity's clause up to its first verb (考生有3种途径)",
    "slot": "the words before the verb governing the quantity, back to a boundary"
    " (招商安本增利|跌0.15%, 有|瑞福进取|跌)",
    "de_phrase": "the 的-phrase opening the clause up to the verb (涨幅超过五成的个股有…)",
    "carried_no_opener": "an earlier subject, when the quantity's clause opens with no subject",
    "topic_implicit": "the article's topic (its title, most salient name or a headline term),"
    " when nothing before the quantity in its clause can be the subject",
    "own_opener": "it opens the quantity's own clause",
    "part_opener": "it follows 其中 or 当中: a part of the whole named before (其中，工业投资)",
    "counted": "the noun (or 的-phrase) the quantity counts, right after it (168只偏股基金)",
    "repeated": "an option read on to what follows it (合丰成长), or a person's name back to what"
    " precedes it (拜纳姆), wherever the document writes it",
    "phrase": "an option read on to the whole noun phrase it opens (交银增利债基 of 交银)",
    "phrase_digits": "the noun phrase read on across a number inside a name (沪深300指数基金)",
    "phrase_bridged": "the noun phrase read on across a verb or adjective between nouns"
    " (基金新增开户数)",
    "split_name": "a person name the tagger split into one-character name tokens (徐/桑/楚)",
    "full_name": "a transliterated name the document writes in full, offered at a mention of one"
    " of its parts (勒布朗-詹姆斯 at 詹姆斯)",
    "earlier_opener": "the words opening a clause of an earlier sentence (a subject stated once)",
    "sentences_back": "sentences between the option's mention and the quantity's / 3",
    "doc_subject": "a subject the clause rules chose often in the document (1 / rank)",
    "base_value": "a comparison base whose own value the quantity is (对比2005年的2%)",
    "plan_time": "a plan word right before it (将于近期, 计划明年): the time of a plan",
    "sentence_opener": "the words opening the quantity's sentence up to its first verb, when"
    " the quantity is in a later clause (深基指开盘于…，低开3.75点)",
    "unwritten": "not written where its mention is (an alias resolved, a name from elsewhere)",
    "word_cut": "its mention starts or ends inside a word of its clause's tagging",
    "last_bad": "its last word never ends a subject (adverb, particle, numeral, adjective, …)",
    "first_bad": "its first word never opens a subject (verb, pronoun, preposition, numeral, …)",
    "inner_verb": "a verb between its first and last words",
    "words1": "one word in its clause's tagging",
    "words2": "two words",
    "words3": "three words",
    "words4": "four words or more",
    **{
        f"{end}_{g}": f"its {end} word is tagged {g}"
        for end in ("first", "last")
        for g in ("n", "ns", "nr", "nt", "nz", "eng", "j", "v", "vn", "s", "x", "a", "m", "l")
    },
    "first_other": "its first word has another tag",
    "last_other": "its last word has another tag",
    "figures_between": "log(1 + other quantities of the sentence written between its mention"
    " and the quantity) / 2 (A涨1%，B涨2%，C涨3%: the subject of each figure is its own)",
    "kind_percent": "the claim is a percentage and the filler is an attribute",
    "kind_count": "the claim is a count and the filler is a proper name",
    "kind_score": "the claim is a sport score or stat and the filler is a person",
}


#: Subject features set only when the optional NER backend is on (:mod:`extractor.ner`,
#: ``--ner lac``); a model trained without it has no weight for them.
NER_FEATURES: dict[str, str] = {
    "ner": "its text is a name the NER backend found (quantity's sentence or headline)",
    "ner_person": "its text is a person name the NER backend found",
    "ner_org": "its text is an organisation name the NER backend found",
    "ner_place": "its text is a place name the NER backend found",
    "ner_holds": "its text holds a name the NER backend found (and is none)",
    "ner_part": "its text is part of a name the NER backend found",
    "ner_new": "a name only the NER backend offered (no other option holds its text)",
}
FEATURES.update(NER_FEATURES)

#: Subject features of the word written right before and after an option's mention
#: (:func:`extractor.entities.word_shape`; thirty-eighth session): a subject is followed by
#: its verb or an adverb and stands after a mark, a time or a connective; an object stands
#: after a verb or a preposition (对|王某), a modifier before 的 or a localiser.
NEIGHBOUR_FEATURES: dict[str, str] = {
    f"{side}_{c}": f"the word {where} its mention is {what}"
    for side, where in (("prev", "right before"), ("next", "right after"))
    for c, what in (
        ("v", "a verb"),
        ("p", "a preposition"),
        ("u", "a particle (的, 了, 地)"),
        ("m", "a numeral or measure word"),
        ("c", "a conjunction"),
        ("d", "an adverb"),
        ("f", "a localiser (中, 内, 上)"),
        ("t", "a time word"),
        ("r", "a pronoun"),
        ("n", "a noun or name (the mention is inside a longer run)"),
        ("edge", "none: a mark or the clause's edge"),
        ("other", "of another class"),
    )
}
FEATURES.update(NEIGHBOUR_FEATURES)


#: Features of a predicate option (absent = 0).
PREDICATE_FEATURES: dict[str, str] = {
    "rule": "the clause rules chose this predicate",
    "before": "it is written before the quantity",
    "after": "it is written after the quantity",
    "dist": "log(1 + characters between it and the quantity) / 5",
    "adjacent": "only qualifiers, copulas or aspect words stand between it and the quantity",
    "nearest_verb": "the verb nearest the quantity on its side",
    "verb": "it is (or ends with) a verb",
    "noun": "it is a noun phrase",
    "attr": "it ends with a measured attribute (率, 收入, 面积, …)",
    "gap": "the whole stretch between the subject and the quantity (同比增长, 实现营业收入)",
    "counted": "the noun the quantity counts, right after its unit (3种途径)",
    "counted_verb": "the verb after the counted noun (80名大使亮相, 六成个股下跌)",
    "after_de": "the noun after the quantity and 的 (15%的份额)",
    "yi_de": "the attribute after 以/按, the quantity and 的 (以15%的份额位居第一)",
    "copula": "a copula (为, 是, 达) stands between it and the quantity",
    "modal": "it follows an adverb (同比, 将, 均): the phrase starts with it",
    "proper": "it holds a token tagged as a proper name (a name is never a predicate)",
    "single_char": "one character",
    "length": "characters / 10",
    "shared": "the verb of an earlier quantity of the same list (增长1.0%、6.0%)",
    "kind_count_noun": "a count and a noun option",
    "kind_percent_verb": "a percentage and a verb option",
    "kind_money_verb": "money and a verb option",
    "kind_score_verb": "a sport score or stat and a verb option",
    "clause_attr": "the measured attribute nearest before the quantity in its clause (录取率从…)",
    "head_noun": "the head noun closing the noun phrase after the quantity (3英寸的液晶显示屏)",
    "unit_word": "the measure word itself names what is measured (39胜, 6篮板, 8号种子)",
    "stat_shape": "the statistic of a box-score shape (14投9中 -> 投篮)",
    "kind_default": "the attribute an age states (年龄), not written",
    "points_default": "the attribute points in 分 state (得分), not written",
    "share_verb": "the share verb inside the quantity's qualifier word (约占41%)",
    "label": "a label before the quantity's clause ([参考价格] 399元, 价格：750美元)",
    "object_noun": "after a quantity that a verb right before governs: its object (授信, 风险保障)",
    "governs": "the verb right before the quantity (only qualifiers between, no copula)",
    "after_governed": "written after a quantity that a verb right before it governs",
    "previous_clause": "read in the clause before, when the quantity opens its own (…，达5亿元)",
    "list_carried": "the predicate of the list this quantity is an item of (其中A 4亿元，B 1亿元)",
    "adverb_gap": "the noun run before adverbs, a time or 从 that stand before the quantity"
    " (薪酬更是超过70万元)",
    "prep_verb": "a word and 于 right before the quantity (收盘于2980点)",
    "rest_of_clause": "the rest of the clause after a quantity opening it and the noun it"
    " counts (38%的“甲世代”每月给父母补贴家用)",
    "from_base": "clause_attr, when the quantity is the starting value of a change (从6.9%下降到)",
    "from_verb": "the verb after a quantity that is the starting value of a change",
    "closing_state": "what closes the clause after the quantity and the noun it counts when"
    " tagged no verb: a state or adjective (3人重伤, 四成半飘红) or the words after an adverb"
    " (百余款地板将特价销售)",
    "adverb_before": "closing_state, after an adverb (将, 都, 已)",
    "verb_between": "a verb (not a copula or qualifier) stands between it and the quantity"
    " (指数 of 指数跌0.01%)",
    "number_between": "a number stands between it and the quantity (砍下 of 砍下43分17个篮板)",
    "in_subject": "it starts before the stretch that governs the quantity: in the subject the"
    " clause rules found, or in an earlier quantity's phrase (14分6个篮板)",
    "next_quantity": "a verb after the quantity that another number follows: it governs that"
    " one (6投5中拿下12分)",
}

#: Features of a time option (absent = 0); the empty option is "no time".
TIME_FEATURES: dict[str, str] = {
    "rule": "the clause rules chose this time",
    "empty": "the option of no time at all",
    "same_clause": "it is in the quantity's clause",
    "same_sentence": "it is in the quantity's sentence, before the quantity",
    "after": "it follows the quantity in its clause",
    "sentences_back": "sentences between it and the quantity / 3",
    "period_carried": "a reporting period (2008年, 今年以来) closing the sentence before",
    "headline": "it is in the headline (the text up to the first sentence end)",
    "lead": "one of the first two times of the lead (datelines left out)",
    "dist": "log(1 + characters between it and the quantity) / 5",
    "nearest": "the time nearest before the quantity",
    "period": "a reporting period (2008年, 今年以来, 第三季度, 截至…)",
    "anchor": "a date or period that pins a moment (not 上午 alone)",
    "relative": "a relative word (今年, 目前, 上周, 当日)",
    "modifier": "followed by 的 (今年的一项计划: modifies a noun)",
    "quantity_between": "another quantity stands between it and this one",
    "no_time_here": "the empty option, when the quantity's sentence names no time",
    "kind_duration": "the claim is a duration",
    "kind_static": "the claim is a size, weight or age (usually no time)",
    "kind_other": "the claim is a rank or another measure (often no time)",
    "refers_back": "a time that takes its value from an earlier one (当时, 同期, 全年)",
    "resolved": "the earlier time a word of the quantity's sentence stands for, offered in its"
    " place (2008年9月5日 of …，当天…; the cutoff of 截至3月1日，今年以来…)",
    "dateline": "the time of a dateline (…讯, …电, …消息)",
    "semicolon": "from the part of the quantity's sentence before a ；",
    "topical": "a time set before a comma (2009年，…): it governs the clauses after it",
    "source_between": "a source cue (显示, 透露, 表示) between it and the quantity: it dates the"
    " report of the figure",
    "clauses_between": "log(1 + clause marks (，：) between it and the quantity) / 2, for a"
    " time of the quantity's sentence",
    "quote_between": "a quotation mark between it and the quantity in its sentence",
    "base_value": "a comparison base whose own value the quantity is (对比2005年的2%)",
    "plan_time": "a plan word right before it (将于近期, 计划明年): the time of a plan",
    "sentence_opener": "a reporting period set before a comma in an earlier sentence whose"
    " last time is another",
    "previous_time": "the time the clause rules chose for the previous claim of the paragraph",
    "previous_empty": "the empty option, when the clause rules gave the previous claim of the"
    " paragraph no time",
}

#: Document-level signals of genre (a market or statistics report against a review or a
#: story), read once per document without its corpus category (real input has none); see
#: :func:`extractor.options.document_genre`. Each is a number in [0, 1].
GENRE_SIGNALS: dict[str, str] = {
    "money": "the share of the document's quantities that are money",
    "percent": "the share of the document's quantities that are percentages",
    "count": "the share of the document's quantities that are counts",
    "score": "the share of the document's quantities that are sport scores or stats",
    "timed": "the share of the document's sentences that hold a time expression",
    "period": "the document writes a reporting period (2008年, 今年以来, 第三季度, 截至…)",
    "density": "quantities per sentence / 3 (at most 1)",
    "length": "log(1 + the document's characters) / 10 (at most 1)",
}

#: Where a time option stands (:func:`extractor.options.time_class`): the genre signals are
#: conjoined with it (``genre_{signal}*{class}``), since a report carries an earlier
#: sentence's period or day to its figures where a review or a story does not.
TIME_CLASSES: dict[str, str] = {
    "clause": "in the quantity's clause (before it or after it)",
    "sentence": "in the quantity's sentence, before its clause",
    "back": "in one of the sentences before",
    "lead": "one of the lead's first times",
    "head": "the headline's time, offered to a later sentence",
    "none": "the option of no time",
}

TIME_FEATURES.update(
    {
        f"genre_{g}*{c}": f"{gd}, for an option {cd}"
        for g, gd in GENRE_SIGNALS.items()
        for c, cd in TIME_CLASSES.items()
    }
)

#: What the words of a quantity's clause say about the claim's time
#: (:func:`extractor.options.claim_cues`, ``data/time_cues.tsv`` and ``plan_words.tsv``),
#: conjoined with where each time option stands (``cue_{cue}*{class}``): a change of a period
#: keeps a report's earlier time, a plan or a standing fact takes none of the article's present.
CLAIM_CUES: dict[str, str] = {
    "change": "a change over a period (增长, 下跌, 同比)",
    "flow": "an amount made over a period (累计, 成交, 实现)",
    "state": "a standing fact or a definition (拥有, 位于, 组成)",
    "past": "a fact of the past or of a history (曾, 史上, 生涯)",
    "per": "a rate or a price per unit (每, 人均, 场均)",
    "plan": "a plan, a forecast or a target (将, 计划, 预计, 目标)",
    "detail": "a detail of the sentence before (其中, 具体来说, 分别, 依次), read in the"
    " quantity's sentence",
}

TIME_FEATURES.update(
    {
        f"cue_{q}*{c}": f"the claim's clause states {qd}, for an option {cd}"
        for q, qd in CLAIM_CUES.items()
        for c, cd in TIME_CLASSES.items()
    }
)

#: The claim kinds (:func:`extractor.units.kind_of`) the predicate and time models condition on.
KINDS = (
    "count",
    "money",
    "percent",
    "score",
    "duration",
    "age",
    "area",
    "weight",
    "length",
    "other",
)

#: Features the ranker derives from the whole list of a claim's subject options (ranks, the
#: options' relations to each other and to the rules' choice, shapes of the text): computed by
#: :func:`list_features` at ranking time, never stored with an option.
SUBJECT_DERIVED: dict[str, str] = {
    "dist_rank0": "the nearest option before the quantity",
    "recent_rank0": "the option whose text is written nearest before the quantity (recent_dist)",
    "dist_rank1": "the second nearest option before the quantity",
    "dist_rank2": "the third nearest option before the quantity",
    "closest_proper": "the nearest proper name before the quantity",
    "closest_sc": "the nearest option of the quantity's clause before it",
    "closest_person": "the nearest person before the quantity",
    "closest_org": "the nearest organisation before the quantity",
    "closest_table": "the nearest entry of the entity table before the quantity",
    "n_opts": "log(number of options) / 3 (the same for all options of a claim)",
    "inside_other": "log(1 + options whose text contains this one's)",
    "contains_other": "log(1 + options whose text this one contains)",
    "in_rule": "its text is part of the clause rules' choice",
    "has_rule": "its text contains the clause rules' choice",
    "starts_with_other": "its text starts with another option's and goes on (马刺一共)",
    "starts_with_name": "its text starts with a name's (proper, organisation or table entry)",
    "ends_with_other": "its text ends with another option's (洛杉矶湖人队 of 湖人队)",
    "ends_with_name": "its text ends with a name's (proper, organisation or table entry)",
    "holds_other_inside": "another option's text is inside its text, touching neither end",
    "prefix_of_other": "its text opens a longer option's",
    "suffix_of_other": "its text ends a longer option's",
    "has_digit": "its text holds an Arabic digit (30多家基金公司)",
    "has_punct": "its text holds a list or clause mark (、 ，)",
    "has_de": "its text holds 的 (a modifier phrase, not a name)",
    "latin": "its text holds a Latin letter",
    "contains_entity": "its text contains an entity-table option's text",
    "is_entity": "its text is an entity-table option's, found in the sentence",
    "sc_dist": "dist, for an option of the quantity's clause",
    "ss_dist": "dist, for an option elsewhere in the quantity's sentence",
    "far_dist": "dist, for an option outside the quantity's sentence",
    "shortest_at": "the shortest of several options starting at the same place",
    "longest_at": "the longest of several options starting at the same place",
    "norule_previous": "the previous claim's subject, when the clause rules chose nothing",
    "norule_table": "an entity-table option, when the clause rules chose nothing",
    "norule_same_clause": "an option of the quantity's clause, when the clause rules chose nothing",
    "long": "8 characters or more",
    "very_long": "12 characters or more",
    "len2": "two characters",
    "prev_far": "the previous claim's subject, written in an earlier sentence",
    "rule_de": "the clause rules' choice, holding 的",
    "sc_proper": "a proper name in the quantity's clause",
    "opener_proper": "a proper name opening its clause",
    "freq_rel": "freq minus the highest freq among the options",
    "dist_rel": "dist minus the smallest dist among the options",
}

#: Subject features that compare an option's mention with the other options' mentions
#: (thirty-ninth session, :func:`_pair_features`): what stands between it and the quantity.
#: A subject stated once in an earlier clause or sentence gives way to a nearer one: an option
#: opening a later clause of the quantity's sentence, a name, or any other written mention
#: between it and the quantity.
PAIR_FEATURES: dict[str, str] = {
    "opener_between": "an option opening a clause of the quantity's sentence is written between"
    " its mention and the quantity (a nearer subject)",
    "between_n": "log(1 + other options' mentions written between its mention and the"
    " quantity) / 2",
    "name_between": "a proper name or an entity-table name is written between its mention and"
    " the quantity",
}
SUBJECT_DERIVED.update(PAIR_FEATURES)

#: Features derived from the list of predicate options (see :data:`SUBJECT_DERIVED`).
PREDICATE_DERIVED: dict[str, str] = {
    "n_opts": "log(number of options) / 3",
    "inside_other": "log(1 + options whose text contains this one's)",
    "contains_other": "log(1 + options whose text this one contains)",
    "in_rule": "its text is part of the clause rules' choice",
    "has_rule": "its text contains the clause rules' choice",
}

#: Features derived from the list of time options (see :data:`SUBJECT_DERIVED`).
TIME_DERIVED: dict[str, str] = {
    "closest_time": "the time nearest the quantity (fewest sentences back, then characters)",
    "closest_period": "the reporting period nearest the quantity",
    "n_times": "log(1 + time options) / 2, on the empty option",
    "empty_sc_time": "the empty option, when the quantity's clause has a time",
    "empty_ss_time": "the empty option, when the quantity's sentence has a time before it",
    "empty_vs_rule": "the empty option, when the clause rules chose a time",
    "repeated": "log(1 + other time options with the same text)",
}

#: Features conjoined with the claim's kind (``{kind}*{feature}``: a weight per kind).
CONJOINED: dict[str, tuple[str, ...]] = {
    "subject": (),
    "predicate": (
        "verb",
        "noun",
        "before",
        "after",
        "counted",
        "adjacent",
        "rule",
        "nearest_verb",
        "after_de",
        "gap",
        "counted_verb",
        "attr",
    ),
    "time": (
        "empty",
        "same_sentence",
        "sentences_back",
        "period",
        "relative",
        "rule",
        "nearest",
        "lead",
        "headline",
    ),
}


def _conjunctions(field: str) -> dict[str, str]:
    return {
        f"{kind}*{k}": f"{k}, when the claim is of kind {kind}"
        for kind in KINDS
        for k in CONJOINED[field]
    }


FEATURES.update(SUBJECT_DERIVED)
PREDICATE_FEATURES.update(PREDICATE_DERIVED)
PREDICATE_FEATURES.update(_conjunctions("predicate"))
TIME_FEATURES.update(TIME_DERIVED)
TIME_FEATURES.update(_conjunctions("time"))

#: The features of each ranked field (the options' own, derived ones and conjunctions).
FIELD_FEATURES: dict[str, dict[str, str]] = {
    "subject": FEATURES,
    "predicate": PREDICATE_FEATURES,
    "time": TIME_FEATURES,
}

#: The **context characters** of an option of any ranked field (twenty-ninth session): its
#: first and last characters (公司|司, 湖人队|队, 增幅|幅; 增|长, 去|年), and the characters
#: written right before and after its mention (…的|增幅, 在|上海, 基金|的…), as one feature
#: each, ``first=增``, ``last=司``, ``prev=的``, ``next=的``; punctuation reads as ``P``, the
#: text's start and end as ``^``. They are not a word list: the model learns a weight for each
#: character that starts, ends, precedes or follows at least :data:`CONTEXT_MIN` options of
#: the training claims (the rest weigh nothing), the way it learns any other feature — a class
#: cue (an organisation's last character, a particle after a measured thing, a verb's first
#: character) that no rule lists. The trees never split on them.
CONTEXT_PREFIXES = ("first=", "last=", "prev=", "next=")
#: The subject's **context words**: the tagger's word written just before and just after the
#: option's mention in its clause (``prevw=的``, ``nextw=同比``), learned the same way.
CONTEXT_WORD_PREFIXES = ("prevw=", "nextw=")
#: How many training options must carry a context character or word for the model to weigh it.
CONTEXT_MIN = 50
_CONTEXT_PUNCT = frozenset(
    "，。、；：？！,.;:?!（）()《》〈〉“”‘’\"'「」『』【】[]—-…·/ \t\n\r\u3000"
)


def is_context(name: str) -> bool:
    """Whether ``name`` is a context feature: a prefix of :data:`CONTEXT_PREFIXES` and one
    character, or one of :data:`CONTEXT_WORD_PREFIXES` and a word."""
    head, eq, rest = name.partition("=")
    if not eq or not rest:
        return False
    head += "="
    return (len(rest) == 1 and head in CONTEXT_PREFIXES) or head in CONTEXT_WORD_PREFIXES


def _context_char(c: str) -> str:
    if not c:
        return "^"
    return "P" if c in _CONTEXT_PUNCT else c


def _word_start(word: tuple[str, str, int, int]) -> int:
    return word[2]


def add_context(
    options: Sequence[Option],
    text: str,
    words_near: Callable[[int], Sequence[tuple[str, str, int, int]]] | None = None,
) -> None:
    """Set each option's context features in place: its text's first (of two or more) and
    last characters, and, for an option written in ``text`` (the document, the options'
    offsets are indices into it), the characters before and after the mention
    (:data:`CONTEXT_PREFIXES`); with ``words_near`` (the tagged words of the clause holding a
    place, in text order) also the words that end where the mention starts and start where it
    ends (:data:`CONTEXT_WORD_PREFIXES`). An empty option (no time) gets none."""
    n = len(text)
    for o in options:
        if not o.text:
            continue
        f = o.features
        if len(o.text) > 1:  # one character is its last, counted once
            f["first=" + _context_char(o.text[0])] = 1.0
        f["last=" + _context_char(o.text[-1])] = 1.0
        if 0 <= o.start < o.end <= n:
            f["prev=" + _context_char(text[o.start - 1] if o.start else "")] = 1.0
            f["next=" + _context_char(text[o.end] if o.end < n else "")] = 1.0
            if words_near is not None:
                words = words_near(o.start)
                k = bisect.bisect_left(words, o.start, key=_word_start)
                if k and words[k - 1][3] == o.start:
                    f["prevw=" + words[k - 1][0]] = 1.0
                k = bisect.bisect_left(words, o.end, key=_word_start)
                if k < len(words) and words[k][2] == o.end:
                    f["nextw=" + words[k][0]] = 1.0


def context_names(groups: Sequence[Sequence[tuple[Mapping[str, float], float]]]) -> list[str]:
    """The context features (:func:`is_context`) carried by at least :data:`CONTEXT_MIN` options of
    ``groups`` (claims with a right option only: the others teach nothing), sorted."""
    counts: dict[str, int] = {}
    for g in groups:
        if not any(right > 0 for _, right in g):
            continue
        for f, _ in g:
            for k in f:
                if is_context(k):
                    counts[k] = counts.get(k, 0) + 1
    return sorted(k for k, c in counts.items() if c >= CONTEXT_MIN)


class _Weights(dict):
    """Weights that read a feature they do not name as 0 (a context character the training
    claims did not weigh), without adding it."""

    def __missing__(self, key: str) -> float:
        return 0.0


#: L2 penalty of each field (``l2 / 2 * |w|^2`` added to the summed loss of the claims, a
#: Gaussian prior: it weighs more against a few dozen claims of a database than against a
#: thousand of the gold), chosen by 5-fold cross-validation on the training part
#: (``python -m extractor.train ... --tune`` repeats the search); time takes 10 rather than
#: the search's 6 (CV 0.708 against 0.712, four claims in a thousand), which keeps a time of the
#: quantity's own clause over no time for a sport score (4月14日，…拿下14分).
DEFAULT_L2: dict[str, float] = {"subject": 20.0, "predicate": 6.0, "time": 10.0}

#: The trees grown on top of each field's linear scores (:mod:`extractor.trees`): for the
#: subject 25 trees of depth 3 at rate 0.4 re-scoring the linear model's best 5 options. 5-fold
#: CV on the training part (200 articles, main bcabcd1 merged): subject 0.417 -> 0.439, up on
#: every fold, for about 2 % more extraction CPU. The same trees on predicate (best 3 options)
#: and time (best 3) moved them 0.816 -> 0.818 and 0.755 -> 0.752, down on 3 folds of 5 each:
#: those fields are ranked by their linear models alone. Re-tested on 246 articles (5-fold CV,
#: three settings): predicate 0.816 -> 0.811-0.815 and time 0.747 -> 0.744-0.751, neither holding
#: on 4 folds of 5. Seventh session (282 articles): 50 trees at rate 0.2 instead of 25 at 0.4
#: (trees fitted on the same groups, folds of the training command): subject 0.409 -> 0.420, up
#: on every fold (0.455 0.398 0.401 0.438 0.366 -> 0.475 0.412 0.407 0.451 0.368); with the
#: full-name options 0.426 -> 0.440 (up on 3 folds, one equal, one down 0.010). The best 8
#: options instead of 5 gave 0.419 and 0.442 (down on 2 folds, then 1), an L2 of 60 on the
#: linear part 0.413 and 0.432 (down on 1 fold, then 2 by up to 0.041): neither ships.
#: Thirty-fourth session (817 training documents; 5-fold CV of the first pass over the groups and
#: folds of the training command, each fold's trees fitted on the other four): the same trees
#: (50, depth 3, rate 0.2, best 5) now pay on the predicate, 0.848 -> 0.854, up on every fold
#: (0.826 0.854 0.849 0.862 0.848 -> 0.830 0.859 0.856 0.867 0.859), and on the time's first
#: pass, 0.792 -> 0.802, up on 4 folds of 5 (0.809 0.780 0.783 0.793 0.796 -> 0.812 0.799 0.813
#: 0.796 0.789): both fields grow them. For the subject, 150 trees at rate 0.1 gave 0.461 ->
#: 0.463 and 100 trees of depth 4 over the best 8 0.462 (up on 3 and 2 folds of 5), five models
#: fitted on 80 % samples of the documents and averaged 0.461: the subject keeps its trees.
DEFAULT_BOOST: dict[str, BoostParams] = {
    "subject": BoostParams(shortlist=5, trees=50, depth=3, rate=0.2),
    "predicate": BoostParams(shortlist=5, trees=50, depth=3, rate=0.2),
    "time": BoostParams(shortlist=5, trees=50, depth=3, rate=0.2),
}

#: The fields ranked a second time with the other claims' first picks (:mod:`extractor.docrank`,
#: a residual model over the first pass's score and the pick features), with the second pass's
#: L2 decay. The first pass's picks a second pass learns from are cross-fitted (each training
#: document's picks by a model trained without it). 5-fold CV on the 246 train articles
#: (``bench/doc_rank.py``, the folds of the training command, cross-fitted inside each training
#: part): time 0.751 -> 0.754, up on 4 folds of 5 (0.778 0.757 0.766 0.698 0.755 -> 0.789
#: 0.761 0.778 0.700 0.742). Predicate 0.812 -> 0.813 (4 folds of 5, two claims) and subject
#: 0.447 -> 0.447 (3 of 5; with the pick features beside the subject's own features and trees
#: 0.456, 3 of 5) did not hold: those fields are ranked once. After the sixth session's merge
#: (2026-12-03, main with the recall, look-alike and alternatives branches) time's gain did not
#: hold either: first pass 0.750 (mean of folds), second 0.752, pooled 0.748 — under the 0.005
#: a part must gain to ship (the bar of the look-alike filter), so none ships; ``bench/doc_rank.py``
#: and ``train(stack=...)`` measure and build it. Twelfth session, 617 train articles: time
#: 0.789 -> 0.793, up on 4 folds of 5 (0.768 0.786 0.793 0.811 0.786 -> 0.771 0.780 0.803
#: 0.812 0.801); the reference gold's training articles 0.877 -> 0.877, the newest 175 0.826 ->
#: 0.828, the newest 88 0.665 -> 0.686 (``bench/doc_rank.py --fields time``): the time ships a
#: second pass (the pick features with ``--soft`` 0.789, refitted in full 0.793 on 3 folds).
DEFAULT_STACK: dict[str, float] = {"time": 2.0}

#: Fewer training claims with a right option than this learn no second pass (a database with
#: a few dozen decisions cannot cross-fit a first pass).
STACK_MIN_CLAIMS = 300

_LIST_MARK_RE = re.compile("[、，,]")
_DIGIT_RE = re.compile("[0-9０-９]")
_LATIN_RE = re.compile("[A-Za-z]")


def _text_relations(
    feats: list[dict[str, float]], texts: Sequence[str], rule: int, ends: bool = False
) -> None:
    # One search of the joined texts tells which options no other option holds (most of
    # them); only the others are compared pairwise.
    joined = "\x00".join(texts)
    inside = [0] * len(texts)
    contains = [0] * len(texts)
    for i, t in enumerate(texts):
        if not t or joined.count(t) < 2:
            continue
        for j, u in enumerate(texts):
            if j != i and u != t and t in u:
                inside[i] += 1
                contains[j] += 1
                if ends:
                    _nesting(feats[i], feats[j], t, u)
    rtext = texts[rule] if rule >= 0 else ""
    for i, t in enumerate(texts):
        f = feats[i]
        if inside[i]:
            f["inside_other"] = math.log1p(inside[i])
        if contains[i]:
            f["contains_other"] = math.log1p(contains[i])
        if t and rtext and i != rule and t != rtext:
            if t in rtext:
                f["in_rule"] = 1.0
            elif rtext in t:
                f["has_rule"] = 1.0


def _nesting(inner: dict[str, float], outer: dict[str, float], t: str, u: str) -> None:
    """Where option text ``t`` sits in option text ``u`` that holds it: at its start (a
    name and what follows it, 马刺一共), at its end (洛杉矶湖人队 of 湖人队) or inside."""
    name = inner.get("proper") or inner.get("table") or inner.get("org")
    if u.startswith(t):
        outer["starts_with_other"] = 1.0
        inner["prefix_of_other"] = 1.0
        if name:
            outer["starts_with_name"] = 1.0
    elif u.endswith(t):
        outer["ends_with_other"] = 1.0
        inner["suffix_of_other"] = 1.0
        if name:
            outer["ends_with_name"] = 1.0
    else:
        outer["holds_other_inside"] = 1.0


def _subject_derived(options: Sequence[Option], feats: list[dict[str, float]]) -> None:
    texts = [o.text for o in options]
    rule = next((i for i, f in enumerate(feats) if f.get("rule")), -1)
    _text_relations(feats, texts, rule, ends=True)
    before = sorted(
        (i for i, f in enumerate(feats) if "dist" in f and not f.get("after")),
        key=lambda i: feats[i]["dist"],
    )
    for r, i in enumerate(before[:3]):
        feats[i][f"dist_rank{r}"] = 1.0
    recent = [i for i, f in enumerate(feats) if "recent_dist" in f]
    if recent:
        feats[min(recent, key=lambda i: feats[i]["recent_dist"])]["recent_rank0"] = 1.0
    for key, name in (
        ("proper", "closest_proper"),
        ("same_clause", "closest_sc"),
        ("person", "closest_person"),
        ("org", "closest_org"),
        ("table", "closest_table"),
    ):
        first = next((i for i in before if feats[i].get(key)), -1)
        if first >= 0:
            feats[first][name] = 1.0
    top_freq = max(f.get("freq", 0.0) for f in feats)
    low_dist = min((f["dist"] for f in feats if "dist" in f), default=0.0)
    entities = {t for t, f in zip(texts, feats, strict=True) if f.get("table") and t}
    n = math.log(len(options)) / 3
    starts: dict[int, list[int]] = {}
    digit, mark, latin = _DIGIT_RE.search, _LIST_MARK_RE.search, _LATIN_RE.search
    norule = rule < 0
    for i, (o, f) in enumerate(zip(options, feats, strict=True)):
        t = o.text
        get = f.get
        f["n_opts"] = n
        f["freq_rel"] = get("freq", 0.0) - top_freq
        if "dist" in f:
            d = f["dist"]
            f["dist_rel"] = d - low_dist
            if get("same_clause"):
                f["sc_dist"] = d
            elif get("same_sentence"):
                f["ss_dist"] = d
            else:
                f["far_dist"] = d
        if digit(t):
            f["has_digit"] = 1.0
        if mark(t):
            f["has_punct"] = 1.0
        if "的" in t:
            f["has_de"] = 1.0
        if latin(t):
            f["latin"] = 1.0
        if entities and get("contains_other"):
            for e in entities:
                if e != t and e in t:
                    f["contains_entity"] = 1.0
                    break
        if t in entities and not get("table"):
            f["is_entity"] = 1.0
        size = len(t)
        if size >= 8:
            f["long"] = 1.0
            if size >= 12:
                f["very_long"] = 1.0
        elif size == 2:
            f["len2"] = 1.0
        if get("previous") and get("earlier_sentence"):
            f["prev_far"] = 1.0
        if get("rule") and get("has_de"):
            f["rule_de"] = 1.0
        if get("proper"):
            if get("same_clause"):
                f["sc_proper"] = 1.0
            if get("clause_opener"):
                f["opener_proper"] = 1.0
        if norule:
            for key in ("previous", "table", "same_clause"):
                if get(key):
                    f[f"norule_{key}"] = 1.0
        if o.start >= 0:
            starts.setdefault(o.start, []).append(i)
    for same in starts.values():
        if len(same) > 1:
            same.sort(key=lambda i: len(texts[i]))
            feats[same[0]]["shortest_at"] = 1.0
            feats[same[-1]]["longest_at"] = 1.0
    _pair_features(options, feats)


def _pair_features(options: Sequence[Option], feats: list[dict[str, float]]) -> None:
    """The features of :data:`PAIR_FEATURES`: an option's mention against the others'. Only
    options written where their mention is, before the quantity, are compared."""
    before = [
        i
        for i, (o, f) in enumerate(zip(options, feats, strict=True))
        if o.start >= 0 and "dist" in f and not f.get("after") and not f.get("unwritten")
    ]
    # Distinct mentions before the quantity, by where they start.
    spans = sorted({(options[i].start, options[i].end) for i in before})
    span_starts = [a for a, _ in spans]
    openers = sorted(
        options[i].start
        for i in before
        if feats[i].get("clause_opener") and feats[i].get("same_sentence")
    )
    names = sorted(
        options[i].start for i in before if feats[i].get("proper") or feats[i].get("table")
    )
    for i in before:
        o, f = options[i], feats[i]
        k = bisect.bisect_left(span_starts, o.end)
        if k < len(spans):
            f["between_n"] = math.log1p(len(spans) - k) / 2
            if openers and openers[-1] >= o.end:
                f["opener_between"] = 1.0
            if names and names[-1] >= o.end:
                f["name_between"] = 1.0


def _predicate_derived(options: Sequence[Option], feats: list[dict[str, float]]) -> None:
    rule = next((i for i, f in enumerate(feats) if f.get("rule")), -1)
    _text_relations(feats, [o.text for o in options], rule)
    n = math.log(len(options)) / 3
    for f in feats:
        f["n_opts"] = n


def _time_derived(options: Sequence[Option], feats: list[dict[str, float]]) -> None:
    times = [i for i, f in enumerate(feats) if not f.get("empty")]
    near = sorted(
        times, key=lambda i: (feats[i].get("sentences_back", 0.0), feats[i].get("dist", 9.0))
    )
    if near:
        feats[near[0]]["closest_time"] = 1.0
    period = next((i for i in near if feats[i].get("period")), -1)
    if period >= 0:
        feats[period]["closest_period"] = 1.0
    rule = next((i for i, f in enumerate(feats) if f.get("rule")), -1)
    sc = any(feats[j].get("same_clause") for j in times)
    ss = any(feats[j].get("same_sentence") for j in times)
    for i, f in enumerate(feats):
        if f.get("empty"):
            f["n_times"] = math.log1p(len(times)) / 2
            if sc:
                f["empty_sc_time"] = 1.0
            if ss:
                f["empty_ss_time"] = 1.0
            if rule >= 0 and rule != i:
                f["empty_vs_rule"] = 1.0
    for i in times:
        same = sum(1 for j in times if j != i and options[j].text == options[i].text)
        if same:
            feats[i]["repeated"] = math.log1p(same)


_DERIVE = {"subject": _subject_derived, "predicate": _predicate_derived, "time": _time_derived}


def canonical_key(o: Option) -> tuple:
    """Options in this order read the same list features whatever order they come in (ties
    among the nearest options go to the first): where the mention is, its text, its
    features. Training and ranking both derive features in this order, so no model's earlier
    ranking leaks into them (training stays a pure function of its data)."""
    return (o.start, o.end, o.text, sorted(o.features.items()))


def canonical_features(
    options: Sequence[Option], field: str = "subject", kind: str | None = None
) -> list[dict[str, float]]:
    """:func:`list_features` of the options derived in :func:`canonical_key` order, returned
    in the given order."""
    order = canonical_order(options)
    derived = list_features([options[i] for i in order], field, kind)
    out: list[dict[str, float]] = [{} for _ in options]
    for j, i in enumerate(order):
        out[i] = derived[j]
    return out


def canonical_order(options: Sequence[Option]) -> list[int]:
    """The indices of ``options`` in :func:`canonical_key` order. Sorted by place and text
    first (the features' sorted items, the costly part of the key, are built only when two
    options share place and text, which the subject's never do)."""
    short = [(o.start, o.end, o.text) for o in options]
    order = sorted(range(len(options)), key=short.__getitem__)
    for a, b in itertools.pairwise(order):
        if short[a] == short[b]:
            return sorted(range(len(options)), key=lambda i: canonical_key(options[i]))
    return order


def list_features(
    options: Sequence[Option], field: str = "subject", kind: str | None = None
) -> list[dict[str, float]]:
    """The features the model scores for each option of one claim's ``field``: the option's
    own (:attr:`Option.features`), those derived from the whole list (``*_DERIVED``), and
    for predicate and time the conjunctions with the claim's ``kind`` (none without a kind).
    Linear in the options but for the comparison of their texts (a few dozen at most)."""
    feats = [dict(o.features) for o in options]
    if not feats or field not in _DERIVE:
        return feats
    _DERIVE[field](options, feats)
    if kind in KINDS and CONJOINED[field]:
        for f in feats:
            _conjoin(f, field, kind)
    return feats


def _conjoin(f: dict[str, float], field: str, kind: str) -> dict[str, float]:
    """``f`` with the conjunctions of its features with the claim's ``kind`` added."""
    for k in CONJOINED[field]:
        v = f.get(k)
        if v:
            f[f"{kind}*{k}"] = v
    return f


#: The key that sorts options best first: by score, with ``reverse=True`` (which keeps the
#: given order among equal scores, as sorting by ``-score`` does, without a Python call per
#: option).
_SCORE = attrgetter("score")


class Ranker:
    """A logistic-regression scorer over :data:`FEATURES` (and, per field, over
    :data:`FIELD_FEATURES`)."""

    def __init__(
        self,
        weights: Mapping[str, float],
        bias: float = 0.0,
        fields: Mapping[str, Mapping[str, float]] | None = None,
        lookalike: LookalikeModel | None = None,
        trees: Mapping[str, Trees] | None = None,
        document: Mapping[str, Mapping[str, float]] | None = None,
    ):
        self.weights = {
            k: float(v) for k, v in weights.items() if k in FEATURES or (is_context(k) and v)
        }
        self.bias = float(bias)
        #: Weights of the other ranked fields (predicate, time); a field absent here keeps
        #: the clause rules' choice.
        self.fields: dict[str, dict[str, float]] = {
            name: {
                k: float(v)
                for k, v in w.items()
                if k in FIELD_FEATURES[name] or (is_context(k) and v)
            }
            for name, w in (fields or {}).items()
            if name in FIELD_FEATURES and name != "subject"
        }
        self._by_kind: dict[tuple[str, str | None], dict[str, float]] = {}
        #: The look-alike filter (:mod:`extractor.lookalike`); None proposes every candidate.
        self.lookalike = lookalike
        #: Boosted trees correcting the linear scores of a field (:mod:`extractor.trees`).
        self.trees: dict[str, Trees] = {
            name: t for name, t in (trees or {}).items() if name in FIELD_FEATURES and t.nodes
        }
        #: Weights of the second, document-level pass of a field (:mod:`extractor.docrank`:
        #: the first pass's score and the other claims' picks); a field absent here is ranked
        #: by the first pass alone.
        self.document: dict[str, dict[str, float]] = {
            name: {k: float(v) for k, v in w.items() if k in STACK_FEATURES}
            for name, w in (document or {}).items()
            if name in FIELD_FEATURES
        }

    def ranks(self, field: str) -> bool:
        """Whether this model ranks ``field`` (the subject always; others when trained)."""
        return field == "subject" or field in self.fields

    def _weights(self, field: str) -> dict[str, float]:
        if field == "subject":
            return self.weights
        return self.fields.get(field) or {"rule": 1.0}

    def _kind_weights(self, field: str, kind: str | None) -> dict[str, float]:
        """The field's weights with those of ``{kind}*{feature}`` added to each feature's
        own: scoring the plain features with them equals scoring the conjoined ones."""
        key = (field, kind)
        merged = self._by_kind.get(key)
        if merged is None:
            w = self._weights(field)
            merged = _Weights(w)
            if kind in KINDS:
                for k in CONJOINED.get(field, ()):
                    extra = w.get(f"{kind}*{k}", 0.0)
                    if extra:
                        merged[k] = merged.get(k, 0.0) + extra
            self._by_kind[key] = merged
        return merged

    # ------------------------------------------------------------------ scoring
    def score(self, features: Mapping[str, float], field: str = "subject") -> float:
        """The probability that a filler with these features is right."""
        w = self._weights(field)
        z = self.bias + sum(w.get(k, 0.0) * v for k, v in features.items())
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def scores(
        self, features: Sequence[Mapping[str, float]], field: str = "subject"
    ) -> list[float]:
        """The scores (before the logistic) of one claim's options with these features (those
        of :func:`list_features`, the kind's conjunctions included), trees and all."""
        w = self._weights(field)
        zs = [self.bias + sum(w.get(k, 0.0) * v for k, v in f.items()) for f in features]
        trees = self.trees.get(field)
        return trees.adjust(zs, features) if trees is not None else zs

    def rank(
        self, options: Sequence[Option], field: str = "subject", kind: str | None = None
    ) -> list[Option]:
        """The options scored and sorted best first (ties keep the given order); ``kind`` is
        the claim's kind (:data:`KINDS`), which the predicate and time models condition on."""
        w = self._kind_weights(field, kind)
        bias, exp = self.bias, math.exp
        # The kind's conjunctions are folded into the weights, not added to the features.
        order = canonical_order(options)
        ordered = [options[i] for i in order]
        feats = list_features(ordered, field)
        zs = []
        for f in feats:
            # A subscript is cheaper than a call of ``get``; a feature the weights lack (a
            # context character no training option carried) reads 0 (:class:`_Weights`).
            z = bias
            for k, v in f.items():
                z += w[k] * v
            zs.append(z)
        trees = self.trees.get(field)
        if trees is not None:
            # The trees read the conjunctions too: added to the few options they re-score.
            for i in trees.shortlisted(zs):
                f = feats[i]
                if kind in KINDS and CONJOINED[field]:
                    f = _conjoin(f, field, str(kind))
                zs[i] += trees.value(f)
        for o, z in zip(ordered, zs, strict=True):
            o.logit = z
            if z > 30.0:
                z = 30.0
            elif z < -30.0:
                z = -30.0
            o.score = round(1.0 / (1.0 + exp(-z)), 4)
        return sorted(options, key=_SCORE, reverse=True)

    def rerank(
        self, options: Sequence[Option], features: Sequence[Mapping[str, float]], field: str
    ) -> list[Option]:
        """The second pass of ``field`` (:attr:`document`): each option scored by the
        document-level weights over ``features`` (:func:`extractor.docrank.stack_rows`, in
        the order of ``options``), sorted best first (ties keep the given order)."""
        w = self.document[field]
        exp = math.exp
        for o, f in zip(options, features, strict=True):
            z = 0.0
            for k, v in f.items():
                z += w.get(k, 0.0) * v
            o.logit = z
            z = max(-30.0, min(30.0, z))
            o.score = round(1.0 / (1.0 + exp(-z)), 4)
        return sorted(options, key=_SCORE, reverse=True)

    # ------------------------------------------------------------------ files
    def to_json(self) -> str:
        """The model as JSON text (see the module docstring)."""
        weights = {k: round(self.weights.get(k, 0.0), 6) for k in FEATURES}
        # The context characters the model weighs, after the named features, sorted.
        weights.update((k, round(w, 6)) for k, w in sorted(self.weights.items()) if is_context(k))
        data: dict[str, object] = {
            "version": MODEL_VERSION,
            "bias": round(self.bias, 6),
            "weights": weights,
        }
        if self.fields:
            data["fields"] = {
                name: {
                    **{k: round(w.get(k, 0.0), 6) for k in FIELD_FEATURES[name]},
                    **{k: round(v, 6) for k, v in sorted(w.items()) if is_context(k)},
                }
                for name, w in sorted(self.fields.items())
            }
        if self.lookalike is not None:
            data["lookalike"] = self.lookalike.to_dict()
        if self.trees:
            data["trees"] = {name: t.to_dict() for name, t in sorted(self.trees.items())}
        if self.document:
            data["document"] = {
                name: {"weights": {k: round(w.get(k, 0.0), 6) for k in STACK_FEATURES}}
                for name, w in sorted(self.document.items())
            }
        return json.dumps(
            data,
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str, where: str = "model") -> Ranker:
        """A model from JSON text; :class:`ModelError` naming ``where`` when it is not one."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(data, dict) or data.get("version") != MODEL_VERSION:
            raise ModelError(f"{where}: not a ranker model of version {MODEL_VERSION}")
        weights = data.get("weights")
        bias = data.get("bias", 0.0)
        if not isinstance(weights, dict) or not isinstance(bias, int | float):
            raise ModelError(f"{where}: weights must be an object and bias a number")
        _check_weights(weights, where, "weight")
        fields = data.get("fields", {})
        if not isinstance(fields, dict):
            raise ModelError(f"{where}: fields must be an object")
        for name, w in fields.items():
            if name not in FIELD_FEATURES or name == "subject":
                raise ModelError(f"{where}: unknown field {name!r} (predicate or time)")
            if not isinstance(w, dict):
                raise ModelError(f"{where}: weights of field {name!r} must be an object")
            _check_weights(w, where, f"{name} weight")
        lookalike = None
        if "lookalike" in data:
            try:
                lookalike = LookalikeModel.from_dict(data["lookalike"], where)
            except LookalikeError as exc:
                raise ModelError(str(exc)) from None
        trees = data.get("trees", {})
        if not isinstance(trees, dict):
            raise ModelError(f"{where}: trees must be an object")
        boosted: dict[str, Trees] = {}
        for name, t in trees.items():
            if name not in FIELD_FEATURES:
                raise ModelError(f"{where}: trees of unknown field {name!r}")
            if name != "subject" and name not in fields:
                raise ModelError(f"{where}: trees of field {name!r}, which has no weights")
            try:
                boosted[name] = Trees.from_dict(
                    t, f"{where}: trees of {name}", FIELD_FEATURES[name]
                )
            except TreesError as exc:
                raise ModelError(str(exc)) from None
        document = _document_section(data.get("document", {}), fields, where)
        return cls(weights, bias, fields, lookalike, boosted, document)


def _document_section(
    section: object, fields: Mapping[str, object], where: str
) -> dict[str, dict[str, float]]:
    """The ``document`` section of a model file (the second pass's weights per field, see
    :mod:`extractor.docrank`), checked strictly: an object of known fields the model ranks,
    each ``{"weights": {feature: number}}`` over :data:`~extractor.docrank.STACK_FEATURES`."""
    if not isinstance(section, dict):
        raise ModelError(f"{where}: document must be an object")
    out: dict[str, dict[str, float]] = {}
    for name, entry in section.items():
        if name not in FIELD_FEATURES:
            raise ModelError(f"{where}: document pass of unknown field {name!r}")
        if name != "subject" and name not in fields:
            raise ModelError(f"{where}: document pass of field {name!r}, which has no weights")
        if not isinstance(entry, dict) or set(entry) != {"weights"}:
            raise ModelError(f'{where}: document pass of {name} must be {{"weights": {{...}}}}')
        weights = entry["weights"]
        if not isinstance(weights, dict):
            raise ModelError(f"{where}: document weights of {name} must be an object")
        unknown = sorted(set(weights) - set(STACK_FEATURES))
        if unknown:
            raise ModelError(f"{where}: document weights of {name}: unknown feature {unknown[0]!r}")
        _check_weights(weights, where, f"document {name} weight")
        out[name] = {k: float(v) for k, v in weights.items()}
    return out


def _check_weights(weights: dict, where: str, what: str) -> None:
    for k, v in weights.items():
        if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v):
            raise ModelError(f"{where}: {what} {k!r} is not a number")


#: The model file trained with the optional NER backend on (``--ner lac``).
NER_MODEL = "ranker_ner.json"


@cache
def shipped(name: str = "ranker.json") -> Ranker:
    """A model shipped in the package: ``extractor/data/ranker.json``, or ``name`` there
    (:data:`NER_MODEL`)."""
    text = resources.files("extractor").joinpath("data", name).read_text("utf-8")
    return Ranker.from_json(text, f"extractor/data/{name}")


_active: Ranker | None = None


def activate(model: Ranker | None) -> None:
    """Use this model (one trained on a database's decisions) for every extraction in this
    process until called again; None goes back to the shipped model."""
    global _active
    _active = model


def default(ner: bool = False) -> Ranker:
    """The model extraction uses when none is given: the activated one, else the shipped one
    (with ``ner``, the one trained with the NER backend on, :data:`NER_MODEL`)."""
    if _active is not None:
        return _active
    return shipped(NER_MODEL) if ner else shipped()


def fit(
    groups: Sequence[Sequence[tuple[Mapping[str, float], float]]],
    *,
    l2: float | None = None,
    iterations: int = 300,
    field: str = "subject",
    boost: BoostParams | None = None,
    weights: Sequence[float] | None = None,
) -> Ranker:
    """Train a ranker on groups of options, each ``(features, right)`` (the features of
    :func:`list_features`; ``right`` a weight, 0 or False for a wrong option, more for an
    option that is more right, such as the exact gold over a containing one).

    A listwise model (conditional logit): within each group the options' scores are turned
    into probabilities by a softmax, and the model maximises the probability that the top
    option is one of the right ones — the sum over the right options, each weighted by
    ``right``, so a claim with several right options (an alias and the full name, 广州 and
    广州市) asks for any of them, the exact one preferred, not for all alike — minus
    an L2 penalty (``l2 / 2 * |w|^2`` against the summed loss, by default :data:`DEFAULT_L2`
    of the field). The
    optimiser is L-BFGS (deterministic). Groups with no right option teach nothing and are
    skipped. The scores of a trained model rank the options of one claim; the probability
    shown to a reviewer is the logistic of the same score.

    Args:
        groups: one group per claim: its options' features and whether each is right.
        l2: the penalty's strength (None: the field's default).
        iterations: the optimiser's limit.
        field: which field's features are learned; the model returned ranks that field
            (combine fields with :func:`combine`).
        boost: grow trees on top of the linear scores (:mod:`extractor.trees`; with fewer
            claims than its ``min_claims``, none); None: the linear model alone.
        weights: how many times each group counts (one number per group, None: once each),
            in the linear model's loss and in the trees' gradients alike: a group of weight
            2 teaches what two copies of it would (a gold source written by the convention
            wanted counts more than another).
    """
    names = {**FIELD_FEATURES[field], **dict.fromkeys(context_names(groups), "")}
    coefs = fit_weights(
        groups,
        names,
        l2=DEFAULT_L2[field] if l2 is None else l2,
        iterations=iterations,
        weights=weights,
    )
    # The trees correct the scores of the weights the model file keeps (six decimals).
    coefs = {k: round(w, 6) for k, w in coefs.items()}
    linear = Ranker(coefs, 0.0) if field == "subject" else Ranker({}, 0.0, {field: coefs})
    if boost is None:
        return linear
    trees = fit_trees(
        groups,
        [linear.scores([f for f, _ in g], field) for g in groups],
        FIELD_FEATURES[field],
        boost,
        weights=weights,
    )
    if trees is None:
        return linear
    return Ranker(linear.weights, 0.0, linear.fields, None, {field: trees})


_Row = list[tuple[int, float]]


def fit_weights(
    groups: Sequence[Sequence[tuple[Mapping[str, float], float]]],
    features: Mapping[str, str],
    *,
    l2: float = 6.0,
    iterations: int = 300,
    weights: Sequence[float] | None = None,
) -> dict[str, float]:
    """The weights of :func:`fit` over the given feature names; ``weights``: how many times
    each group counts (None: once each)."""
    names = list(features)
    index = {k: i for i, k in enumerate(names)}
    counts = group_weights(groups, weights)
    data: list[tuple[list[_Row], list[float], float]] = []
    for g, count in zip(groups, counts, strict=True):
        if not any(right > 0 for _, right in g):
            continue
        rows = [[(index[k], float(v)) for k, v in f.items() if k in index and v] for f, _ in g]
        data.append((rows, [max(0.0, float(right)) for _, right in g], count))
    w = [0.0] * len(names)
    if data:
        w = _lbfgs(lambda x: _objective(x, data, l2), w, iterations)
    return {k: w[i] for i, k in enumerate(names)}


def _objective(
    w: list[float],
    data: Sequence[tuple[list[_Row], list[float], float]],
    l2: float,
    offsets: Sequence[Sequence[float]] | None = None,
) -> tuple[float, list[float]]:
    """The negative log of the right options' probability of winning (each weighted by how
    right it is), summed over the claims (each times its weight), plus the L2 penalty, both
    divided by the claims' total weight; and its gradient. With every weight 1 the total is
    the number of claims and every product is exact: the unweighted fit, bit for bit.
    ``offsets`` (one list per claim, one number per option) are added to the options' scores:
    the weights then learn a correction of another model's scores
    (:func:`extractor.adapt.fit_offset`)."""
    loss = 0.0
    grad = [0.0] * len(w)
    for k, (rows, right, count) in enumerate(data):
        zs = [sum(w[i] * v for i, v in row) for row in rows]
        if offsets is not None:
            zs = [z + o for z, o in zip(zs, offsets[k], strict=True)]
        top = max(zs)
        es = [math.exp(z - top) for z in zs]
        total = sum(es)
        hit = sum(e * r for e, r in zip(es, right, strict=True))
        if hit <= 0.0:
            # The right options' scores underflow: their log-probability from their best.
            best = max(z for z, r in zip(zs, right, strict=True) if r)
            hit_z = [math.exp(z - best) * r for z, r in zip(zs, right, strict=True)]
            hit_total = sum(hit_z)
            loss += count * (top - best + math.log(total) - math.log(hit_total))
            posterior = [h / hit_total for h in hit_z]
        else:
            loss -= count * math.log(hit / total)
            posterior = [e * r / hit for e, r in zip(es, right, strict=True)]
        for row, e, q in zip(rows, es, posterior, strict=True):
            d = count * (e / total - q)
            if d:
                for i, v in row:
                    grad[i] += d * v
    n = sum(count for _, _, count in data)
    decay = l2 / n
    loss = loss / n + 0.5 * decay * sum(x * x for x in w)
    return loss, [g / n + decay * x for g, x in zip(grad, w, strict=True)]


def _dot(a: list[float], b: list[float]) -> float:
    """The sum of products, added left to right (as ``sum`` does)."""
    total = 0.0
    for ai, bi in zip(a, b, strict=True):
        total += ai * bi
    return total


def _lbfgs(
    f: Callable[[list[float]], tuple[float, list[float]]],
    x: list[float],
    iterations: int,
    memory: int = 8,
    tolerance: float = 1e-6,
) -> list[float]:
    """Minimise a smooth function (value and gradient) by limited-memory BFGS with a
    backtracking line search."""
    fx, g = f(x)
    history: list[tuple[list[float], list[float], float]] = []
    for _ in range(iterations):
        if math.sqrt(sum(v * v for v in g)) < tolerance:
            break
        # Two-loop recursion: the direction -H g.
        q = list(g)
        alphas = []
        for s, y, rho in reversed(history):
            a = rho * sum(si * qi for si, qi in zip(s, q, strict=True))
            alphas.append(a)
            q = [qi - a * yi for qi, yi in zip(q, y, strict=True)]
        if history:
            s_last, y_last, _ = history[-1]
            gamma = _dot(s_last, y_last) / _dot(y_last, y_last)
            q = [gamma * qi for qi in q]
        for (s, y, rho), a in zip(history, reversed(alphas), strict=True):
            b = rho * sum(yi * qi for yi, qi in zip(y, q, strict=True))
            q = [qi + (a - b) * si for qi, si in zip(q, s, strict=True)]
        direction = [-qi for qi in q]
        slope = sum(gi * di for gi, di in zip(g, direction, strict=True))
        if slope >= 0:
            direction = [-gi for gi in g]
            slope = -sum(gi * gi for gi in g)
            history.clear()
        step = 1.0 if history else min(1.0, 1.0 / math.sqrt(-slope))
        while True:
            nx = [xi + step * di for xi, di in zip(x, direction, strict=True)]
            nf, ng = f(nx)
            if nf <= fx + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        if step < 1e-10:
            break
        s = [a - b for a, b in zip(nx, x, strict=True)]
        y = [a - b for a, b in zip(ng, g, strict=True)]
        sy = sum(si * yi for si, yi in zip(s, y, strict=True))
        done = fx - nf < 1e-10 * max(1.0, abs(fx))
        x, fx, g = nx, nf, ng
        if sy > 1e-12:
            history.append((s, y, 1.0 / sy))
            if len(history) > memory:
                history.pop(0)
        if done:
            break
    return x


def combine(subject: Ranker, lookalike: LookalikeModel | None = None, **others: Ranker) -> Ranker:
    """One model from a subject model and models of other fields (``predicate=…, time=…``),
    with a look-alike filter (default: the subject model's)."""
    fields = dict(subject.fields)
    trees = dict(subject.trees)
    document = dict(subject.document)
    for name, model in others.items():
        if name in model.fields:
            fields[name] = model.fields[name]
        if name in model.trees:
            trees[name] = model.trees[name]
        if name in model.document:
            document[name] = model.document[name]
    return Ranker(
        subject.weights, subject.bias, fields, lookalike or subject.lookalike, trees, document
    )


def replace_parts(model: Ranker, **parts: object) -> Ranker:
    """``model`` with some of its parts replaced (``lookalike=…``, ``document=…``,
    ``trees=…``, ``fields=…``)."""
    args: dict[str, object] = {
        "weights": model.weights,
        "bias": model.bias,
        "fields": model.fields,
        "lookalike": model.lookalike,
        "trees": model.trees,
        "document": model.document,
    }
    unknown = set(parts) - set(args)
    if unknown:
        raise TypeError(f"unknown part {sorted(unknown)[0]!r}")
    args.update(parts)
    return Ranker(**args)  # type: ignore[arg-type]
