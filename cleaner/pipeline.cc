// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The Extractor: runs the stages in order (decode, pre-scan and parse, metadata, prune, score, select, serialize,
// filter; comments on request), with fallback passes that prune less when the strict pass finds too little text.

#include <algorithm>
#include <chrono>
#include <exception>
#include <iterator>
#include <new>
#include <optional>
#include <string>
#include <utility>

#include "cleaner/charset.h"
#include "cleaner/comments.h"
#include "cleaner/decode.h"
#include "cleaner/dom.h"
#include "cleaner/extractor.h"
#include "cleaner/language.h"
#include "cleaner/metadata.h"
#include "cleaner/prescan.h"
#include "cleaner/prune.h"
#include "cleaner/rules.h"
#include "cleaner/score.h"
#include "cleaner/script_html.h"
#include "cleaner/select.h"
#include "cleaner/serialize.h"
#include "cleaner/text.h"
#include "cleaner/text_filter.h"

namespace cleaner {

struct Extractor::Impl {
  Options options;
  std::string option_language;  // the primary subtag of options.language ("pt" for "pt-BR"), as rule files are named
  std::shared_ptr<const Rules> rules;
  std::unique_ptr<TextMeasurer> measurer_prototype;  // cloned per call (a TextMeasurer is not thread-safe)
  Status init;

  // The public calls, without the exception boundary that Extractor's own add.
  Result<Document> Extract(std::string_view html, std::string_view url) const;
  Result<Document> CleanText(std::string_view text) const;
  // CleanText on text that is UTF-8 already and within the size limit (Extract's plain-text path).
  Result<Document> CleanUtf8Text(std::string_view text, size_t input_bytes) const;
};

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A fallback pass whose result holds the previous best result does not replace it when more than this share of its
// text is links. Measured: 0.5 changes wcxb 2919 (+0.011) alone and keeps dragnet R485 once line rules shorten its
// post below Options::min_text_length; 0.35 lost cleaneval final-618 (0.75 -> 0), 0.65 no longer helps 2919.
constexpr float kMaxFallbackLinkDensity = 0.5f;

// A served page with less article text than this (in equivalent Latin characters) may be a shell that its scripts
// fill: "Loading...", a copyright line. The fallback on its script data looks at it (kr-HankookIlbo has none).
constexpr double kMaxShellTextLength = 80;

struct PassResult {
  std::vector<Line> lines;
  std::vector<uint32_t> roots;  // the subtrees the lines came from
  std::vector<uint8_t> removed;  // what the pass removed from them (kept only when comments are extracted)
  size_t candidates = 0;
  size_t lines_before_filter = 0;
  double length = 0;
  double article_length = 0;  // `length` without reader-comment sections (WithoutComments)
  float link_density = 0;     // of the roots' text, after the selection's clean-up
  std::string language;       // the page's language as this pass read it (guessed from its text if unknown)
  size_t pruned = 0;
  uint32_t scope = kNoNode;  // the <article> or <main> element around the first root, if any
};

// The <article> or <main> element of a pass's result: the one that the first of `roots` holds (through a single
// line of descendants), else the nearest one around it; kNoNode if there is none.
uint32_t ArticleScope(const Dom& dom, const PageFacts& facts, const std::vector<uint32_t>& roots) {
  if (roots.empty()) return kNoNode;
  for (uint32_t a = roots.front(); facts.has_main[a] && a != dom.body();) {
    const Tag t = dom.node(a).tag;
    if (t == Tag::kArticle || t == Tag::kMain) return a;
    uint32_t next = kNoNode;
    for (uint32_t c = dom.node(a).first_child; c != kNoNode; c = dom.node(c).next_sibling) {
      if (!facts.has_main[c]) continue;
      if (next != kNoNode) return kNoNode;
      next = c;
    }
    if (next == kNoNode) break;
    a = next;
  }
  for (uint32_t a = roots.front(); a != kNoNode; a = dom.node(a).parent) {
    const Tag t = dom.node(a).tag;
    if (t == Tag::kArticle || t == Tag::kMain) return a;
  }
  return kNoNode;
}

// `bytes` as UTF-8, for files (fetched pages arrive decoded by the Fetcher): converted as DecodeHtml converts a
// page without a Content-Type (charset::Decide: BOM, UTF-16 by its NULs, valid or nearly valid UTF-8, <meta>,
// detection). UTF-8 comes back as it is, without a copy, for the decode stage (which replaces invalid sequences).
// Binary input is refused.
Result<std::string_view> InputAsUtf8(std::string_view bytes, std::string* storage) {
  const charset::Decision decision = charset::Decide(bytes, /*content_type=*/{});
  if (!charset::IsUtf16(decision.encoding) && !charset::IsUtf32(decision.encoding) && LooksBinary(bytes))
    return Status(StatusCode::kNotHtml, "input looks binary (NUL or control bytes)");
  return charset::ToUtf8(bytes, decision, storage);
}

// True for an http or https URL, the scheme in any case.
bool IsHttpUrl(std::string_view url) {
  auto starts = [url](std::string_view prefix) {  // `prefix` in lower case; ':' and '/' are unchanged by | 0x20
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if ((url[i] | 0x20) != prefix[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://");
}

// The URL that the page's links and images are relative to: the first <base href> resolved against the page's
// URL (the caller's, else the canonical one), as browsers do; else that URL.
std::string BaseUrl(const Dom& dom, std::string_view url, std::string_view canonical) {
  const std::string_view page = IsHttpUrl(url) ? url : canonical;
  for (uint32_t i = 0; i < dom.size(); ++i) {
    if (!dom.node(i).is_element() || dom.node(i).tag != Tag::kBase) continue;
    std::string_view href = Trim(dom.attr(i, "href"));
    if (href.empty()) continue;
    std::string base = ResolveUrl(href, page);
    if (IsHttpUrl(base)) return base;
    break;
  }
  return std::string(page);
}

// The text of the selection, up to about `max_bytes`: a sample for language detection, taken before the label
// clean-up and serialization, which need the language.
std::string SelectionText(const Dom& dom, const Selection& sel, size_t max_bytes) {
  std::string out;
  bool pending = false;
  for (uint32_t root : sel.roots) {
    const uint32_t end = SubtreeEnd(dom, root);
    for (uint32_t i = root; i < end && out.size() < max_bytes; ++i) {
      if (sel.removed[i]) {
        i = SubtreeEnd(dom, i) - 1;
        continue;
      }
      const Node& n = dom.node(i);
      if (n.is_text()) {
        AppendCollapsed(dom.text(i), &out, &pending);
      } else if (IsBlock(n.tag) && !out.empty() && out.back() != '\n') {
        out += '\n';
        pending = false;
      }
    }
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  return out;
}

Block ToBlock(Line line) {
  Block b;
  switch (line.block) {
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
      b.kind = Block::Kind::kHeading;
      b.level = 1 + static_cast<int>(line.block) - static_cast<int>(Tag::kH1);
      break;
    case Tag::kLi: case Tag::kDt: case Tag::kDd: b.kind = Block::Kind::kListItem; break;
    case Tag::kTr: b.kind = Block::Kind::kTableRow; break;
    case Tag::kBlockquote: b.kind = Block::Kind::kQuote; break;
    case Tag::kPre: b.kind = Block::Kind::kPreformatted; break;
    case Tag::kFigcaption: case Tag::kCaption: b.kind = Block::Kind::kCaption; break;
    case Tag::kImg: b.kind = Block::Kind::kImage; break;
    default: b.kind = Block::Kind::kParagraph; break;
  }
  b.text = std::move(line.text);
  b.spans = std::move(line.spans);
  if (b.kind == Block::Kind::kTableRow) {
    b.cells = std::move(line.cells);
    b.header = line.header;
  }
  b.src = std::move(line.src);
  if (b.kind == Block::Kind::kPreformatted) b.indent = std::move(line.indent);
  b.continues = b.kind == Block::Kind::kListItem && line.after_break;
  return b;
}

// Lines as text: one per line, images left out (they are blocks only).
std::string JoinText(const std::vector<Line>& lines) {
  std::string text;
  for (const Line& l : lines) {
    if (l.is_image()) continue;
    text += l.text;
    text += '\n';
  }
  return text;
}

SerializeOptions SerializeOptionsFor(const Options& opt, std::string_view base_url) {
  SerializeOptions so;
  so.tables = opt.include_tables;
  so.formatting = opt.include_formatting;
  so.links = opt.include_links;
  so.images = opt.include_images;
  so.base_url = base_url;
  return so;
}

// Fills doc->text (the title first if asked for) and doc->blocks from the filtered lines. A page without an
// article has an empty text, with the title or without: a title alone is not a cleaned page.
void Compose(const Options& opt, std::vector<Line> lines, Document* doc) {
  std::string text;
  const bool has_text = std::any_of(lines.begin(), lines.end(), [](const Line& l) { return !l.is_image(); });
  if (opt.with_title && !doc->title.empty() && has_text) {
    text += doc->title;
    text += '\n';
  }
  text += JoinText(lines);
  doc->blocks.reserve(lines.size());
  for (Line& l : lines) doc->blocks.push_back(ToBlock(std::move(l)));
  doc->text = std::move(text);
}

// `removed` plus the reader-comment sections inside `roots` (a root may be one), or an empty vector when the roots
// hold none. A section is an element named like one (class_id/comments.txt) that the strict pass pruned (`strict`);
// as in FindCommentSection, a match around a root is a page wrapper ("comments-open"), not a section.
std::vector<uint8_t> WithoutComments(const Dom& dom, const PageFacts& facts, const std::vector<uint8_t>& strict,
                                     const std::vector<uint32_t>& roots, const std::vector<uint8_t>& removed) {
  std::vector<uint8_t> out;
  for (uint32_t root : roots) {
    const uint32_t end = SubtreeEnd(dom, root);
    for (uint32_t i = root; i < end; ++i) {
      if (removed[i] || !dom.node(i).is_element() || !facts.elements[i].comments || !strict[i] ||
          facts.raw_text[i] <= 0) {
        continue;
      }
      if (out.empty()) out = removed;
      const uint32_t section_end = SubtreeEnd(dom, i);
      std::fill(out.begin() + i, out.begin() + section_end, 1);
      i = section_end - 1;
    }
  }
  return out;
}

// kTooLarge for an input over Options::max_input_bytes or kMaxInputBytesCeiling.
Status CheckSize(size_t bytes, const Options& options) {
  const size_t limit = std::min(options.max_input_bytes, kMaxInputBytesCeiling);
  if (bytes <= limit) return Status();
  return Status(StatusCode::kTooLarge,
                "input is " + std::to_string(bytes) + " bytes, over the limit of " + std::to_string(limit));
}

}  // namespace

Extractor::Extractor(Options options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->option_language = PrimaryLanguage(impl->options.language);
  auto rules = Rules::Embedded();
  if (!rules.ok()) {
    impl->init = Status(StatusCode::kInternal, "the embedded rules do not compile: " + rules.status().message());
  } else {
    impl->rules = std::move(rules).value();
  }
  impl->measurer_prototype = TextMeasurer::CreatePrototype();
  if (impl->measurer_prototype == nullptr && impl->init.ok()) {
    impl->init = Status(StatusCode::kInternal, "ICU's word break data is missing");
  }
  impl_ = std::move(impl);
}

Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

// A moved-from Extractor has no Impl; its options are the defaults, as documented in extractor.h.
const Options& Extractor::options() const {
  static const Options kDefaults;  // immutable: no mutable global state
  return impl_ != nullptr ? impl_->options : kDefaults;
}

namespace {

// Errors are values across the public API: an exception from below (std::bad_alloc on a huge page, a
// std::length_error) becomes a status instead of unwinding into the caller.
template <typename F>
Result<Document> Guarded(const char* what, F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kInternal, "out of memory");  // short enough to need no allocation
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string(what) + ": " + e.what());
  } catch (...) {
    return Status(StatusCode::kInternal, std::string(what) + ": unknown error");
  }
}

}  // namespace

Result<Document> Extractor::Extract(std::string_view html, std::string_view url) const {
  if (impl_ == nullptr) return Status(StatusCode::kInvalidArgument, "Extract on a moved-from Extractor");
  return Guarded("extract", [&] { return impl_->Extract(html, url); });
}

Result<Document> Extractor::CleanText(std::string_view text) const {
  if (impl_ == nullptr) return Status(StatusCode::kInvalidArgument, "CleanText on a moved-from Extractor");
  return Guarded("clean text", [&] { return impl_->CleanText(text); });
}

Result<Document> Extractor::Impl::Extract(std::string_view html, std::string_view url) const {
  const auto start = Clock::now();
  const Options& opt = options;
  if (!init.ok()) return init;
  if (Status size = CheckSize(html.size(), opt); !size.ok()) return size;
  Document doc;
  doc.url = std::string(url);
  doc.stats.input_bytes = html.size();
  // Files in legacy charsets are decoded as fetched pages are (cleaner/charset.h).
  std::string converted;
  Result<std::string_view> as_utf8 = InputAsUtf8(html, &converted);
  if (!as_utf8.ok()) return as_utf8.status();
  html = as_utf8.value();

  if (opt.input == InputKind::kText || (opt.input == InputKind::kAuto && !LooksLikeHtml(html))) {
    auto cleaned = CleanUtf8Text(html, doc.stats.input_bytes);
    if (cleaned.ok()) cleaned->url = std::string(url);
    return cleaned;
  }

  DecodeReport decode_report;
  std::string utf8 = DecodeToUtf8(html, &decode_report);
  doc.stats.invalid_utf8 = decode_report.invalid_utf8;
  RepairDoubleEncodedUtf8(&utf8);
  PlaceStreamedSegments(&utf8);
  // Whether the page may ship its article as data for its scripts, for the fallback below.
  const bool may_have_script_html = MayHaveScriptHtml(utf8);

  PrescanResult pre = Prescan(utf8, opt.max_depth == 0 ? 1 : opt.max_depth);
  utf8.clear();
  utf8.shrink_to_fit();
  doc.stats.depth_capped = pre.depth_capped;
  doc.stats.parsed_bytes = pre.html.size();
  if (pre.elements > opt.max_elements) {
    return Status(StatusCode::kTooLarge, "the page has " + std::to_string(pre.elements) +
                                             " elements, over the limit of " + std::to_string(opt.max_elements));
  }

  const auto parse_start = Clock::now();
  auto parsed = Dom::Parse(pre.html);
  doc.stats.parse_ms = MsSince(parse_start);
  if (!parsed.ok()) return parsed.status();
  const Dom& dom = parsed.value();
  doc.stats.nodes = dom.size();

  Metadata meta = ReadMetadata(dom, url);
  doc.title = std::move(meta.title);
  doc.authors = std::move(meta.authors);
  doc.date = std::move(meta.date);
  doc.date_modified = std::move(meta.date_modified);
  doc.site = std::move(meta.site);
  doc.canonical_url = std::move(meta.canonical_url);
  doc.description = std::move(meta.description);
  doc.image = std::move(meta.image);
  doc.tags = std::move(meta.tags);
  doc.categories = std::move(meta.categories);
  const std::string page_language = !option_language.empty() ? option_language : meta.language;

  std::unique_ptr<TextMeasurer> measurer = measurer_prototype->Clone();
  const PageFacts facts = ComputePageFacts(dom, *rules, measurer.get());

  // Readability's order of fallbacks: keep unlikely class names, then ignore class weights, then prune only what
  // can never be text, and last keep the selection without the clean-up of widgets inside it (Readability's
  // FLAG_CLEAN_CONDITIONALLY: listings whose every result looks like a widget, cleaneval dev-43). The recall focus
  // starts at the second pass (elements named like widgets stay) and keeps captions. A later pass wins with more
  // text outside reader-comment sections.
  struct Pass {
    PruneLevel level;
    bool class_weights;
    bool clean_conditionally;
  };
  static constexpr Pass kPasses[] = {{PruneLevel::kStrict, true, true},
                                     {PruneLevel::kKeepUnlikely, true, true},
                                     {PruneLevel::kKeepUnlikely, false, true},
                                     {PruneLevel::kMinimal, false, true},
                                     {PruneLevel::kMinimal, false, false}};
  const std::string base_url =
      opt.include_links || opt.include_images ? BaseUrl(dom, url, doc.canonical_url) : std::string();
  const SerializeOptions serialize_options = SerializeOptionsFor(opt, base_url);
  FilterOptions filter_options;
  filter_options.drop_meta_lines = opt.focus == Focus::kPrecision;
  filter_options.drop_link_lines = opt.focus == Focus::kPrecision;
  filter_options.cut_tail = opt.focus != Focus::kRecall;
  const bool recall = opt.focus == Focus::kRecall;
  // The passes over one parsed page (`dom` and `facts` in here are that page's: the served one, or the article HTML
  // of its script data below); `best` and `best_pass` (1-based, 0 for none) take the result that wins.
  auto run_passes = [&](const Dom& dom, const PageFacts& facts, PassResult* best_out, size_t* best_pass_out) {
    PassResult& best = *best_out;
    size_t& best_pass = *best_pass_out;
    std::vector<uint8_t> strict;  // the strict pass's prune mask, for WithoutComments
    for (size_t pass = recall ? 1 : 0; pass < std::size(kPasses); ++pass) {
      PassResult r;
      r.language = page_language;
      std::vector<uint8_t> removed = Prune(dom, facts, kPasses[pass].level, &r.pruned, recall);
      if (pass == 0) strict = removed;
      if (strict.empty()) strict = Prune(dom, facts, PruneLevel::kStrict, nullptr);  // the recall focus skips pass 0
      Aggregates agg = SumSubtrees(dom, facts, removed);
      Scores scores = ScoreCandidates(dom, facts, removed, agg, kPasses[pass].class_weights);
      r.candidates = scores.candidates.size();
      Selection sel = Select(dom, facts, std::move(removed), std::move(agg), scores, kPasses[pass].class_weights,
                             kPasses[pass].clean_conditionally);
      // The markup's language, unless the text is in another script (a Hindi page marked lang="en" by its
      // template); the user's --language always stands.
      if (option_language.empty()) {
        const std::string sample = SelectionText(dom, sel, 16 * 1024);
        if (r.language.empty() || ScriptContradicts(r.language, sample)) r.language = GuessLanguage(sample);
      }
      if (opt.filter_lines && filter_options.cut_tail) CutAtCommentsAnchor(dom, facts, &sel);
      if (opt.filter_lines) RemoveLabelledBlocks(dom, facts, *rules, r.language, &sel);
      // A fallback pass keeps comment sections, which are never the article but would win on their length (dragnet 60:
      // a video post, and 15000 characters of comments in the last pass; 42: a post of 192 characters in a wrapper
      // with 17 comments): passes compare on their text without them. That text is also what the pass prints (the
      // comments go to Document::comments with Options::include_comments, as from the strict pass, which prunes
      // them); only a pass with no text outside comment sections is serialized with them, and compares on all of it.
      auto serialize = [&](const std::vector<uint8_t>& mask) {
        r.lines = Serialize(dom, mask, sel.roots, serialize_options);
        r.lines_before_filter = r.lines.size();
        if (opt.filter_lines) FilterLines(*rules, r.language, doc.title, filter_options, &r.lines);
        double length = 0;
        for (const Line& l : r.lines)
          if (!l.is_image()) length += measurer->EffectiveLength(l.text);
        return length;
      };
      const std::vector<uint8_t> comments_mask = WithoutComments(dom, facts, strict, sel.roots, sel.removed);
      if (!comments_mask.empty()) r.article_length = r.length = serialize(comments_mask);
      if (r.article_length == 0) {
        r.length = serialize(sel.removed);
        if (comments_mask.empty()) r.article_length = r.length;
      }
      {
        float text = 0, links = 0;
        for (uint32_t root : sel.roots) {
          text += sel.agg.sums[root].text;
          links += sel.agg.sums[root].link;
        }
        r.link_density = text > 0 ? links / text : 0;
      }
      r.roots = std::move(sel.roots);
      if (opt.include_comments) r.removed = std::move(sel.removed);
      // Passes without any text outside comment sections compare on all their text: a page has some text.
      const bool longer = (r.article_length > 0 || best.article_length > 0) ? r.article_length > best.article_length
                                                                            : r.length > best.length;
      r.scope = ArticleScope(dom, facts, r.roots);
      // A short article found in the page's <article> or <main> stays the article when a later pass, which prunes
      // less, finds more text elsewhere (a sidebar beside a two-paragraph post): more text outside the article's
      // element is not more of the article.
      const bool outside = best_pass != 0 && best.length > 0 && best.scope != kNoNode && !r.roots.empty() &&
                           !dom.Contains(best.scope, r.roots.front()) && !dom.Contains(r.roots.front(), best.scope);
      // A later pass whose result holds the earlier one and is mostly links found the page around a short article
      // (its menu, a blogroll), not more of it (dragnet R485: a post of two quoted lines in a page of 60 links).
      const bool links = best_pass != 0 && best.length > 0 && r.link_density > kMaxFallbackLinkDensity &&
                         !best.roots.empty() && !r.roots.empty() && dom.Contains(r.roots.front(), best.roots.front());
      if (best_pass == 0 || (longer && !outside && !links)) {
        best = std::move(r);
        best_pass = pass + 1;
      }
      if ((best.article_length > 0 ? best.article_length : best.length) >= static_cast<double>(opt.min_text_length))
        break;
    }
  };
  PassResult best;
  size_t best_pass = 0;
  run_passes(dom, facts, &best, &best_pass);
  // A page whose served markup gives no article (no text, or a line such as "Loading..." or a copyright notice)
  // but whose scripts' data holds the article's HTML (a shell that the browser fills, fundus's kr-HankookIlbo): the
  // passes run again over that HTML, as an <article>, and keep its text if it is an article's length and mentions
  // the page's title or description (not a cookie notice or a newsletter box of the same markup). The metadata
  // stays the page's; the script data is read again from the input only here, as this is rare.
  std::optional<Dom> data_dom;
  std::optional<PageFacts> data_facts;
  if (may_have_script_html && best.article_length < kMaxShellTextLength) {
    DecodeReport data_report;
    std::string page_utf8 = DecodeToUtf8(html, &data_report);
    RepairDoubleEncodedUtf8(&page_utf8);
    const std::string script_html = ScriptHtml(page_utf8);
    page_utf8.clear();
    page_utf8.shrink_to_fit();
    const PrescanResult data_pre =
        script_html.empty()
            ? PrescanResult()
            : Prescan("<!DOCTYPE html><html><body><article>" + script_html + "</article></body></html>",
                      opt.max_depth == 0 ? 1 : opt.max_depth);
    if (!script_html.empty() && data_pre.elements <= opt.max_elements) {
      const auto data_parse_start = Clock::now();
      auto data_parsed = Dom::Parse(data_pre.html);
      doc.stats.parse_ms += MsSince(data_parse_start);
      if (data_parsed.ok()) {
        data_dom = std::move(data_parsed).value();
        data_facts = ComputePageFacts(*data_dom, *rules, measurer.get());
        PassResult data_best;
        size_t data_pass = 0;
        run_passes(*data_dom, *data_facts, &data_best, &data_pass);
        if (data_best.article_length >= static_cast<double>(opt.min_text_length) &&
            data_best.article_length > best.article_length &&
            MentionsTitle(JoinText(data_best.lines), doc.title + " " + doc.description)) {
          best = std::move(data_best);
          best_pass = data_pass;
          doc.stats.from_script_data = true;
          doc.stats.depth_capped = doc.stats.depth_capped || data_pre.depth_capped;
        }
      }
    }
  }
  const Dom& article_dom = doc.stats.from_script_data ? *data_dom : dom;
  const PageFacts& article_facts = doc.stats.from_script_data ? *data_facts : facts;
  doc.stats.pass = best_pass;
  doc.language = std::move(best.language);
  doc.stats.candidates = best.candidates;
  doc.stats.lines_before_filter = best.lines_before_filter;
  doc.stats.pruned_subtrees = best.pruned;
  doc.stats.lines_after_filter = best.lines.size();

  if (opt.include_comments) {
    std::vector<Line> comments = ExtractComments(article_dom, *rules, article_facts, best.roots, best.removed,
                                                 doc.language, serialize_options);
    if (opt.filter_lines) FilterLines(*rules, doc.language, /*title=*/"", filter_options, &comments);
    doc.comments = JoinText(comments);
  }
  Compose(opt, std::move(best.lines), &doc);
  if (doc.text.empty()) doc.stats.empty_reason = dom.size() <= 3 ? "no content" : "no article text found";
  doc.stats.total_ms = MsSince(start);
  return doc;
}

Result<Document> Extractor::Impl::CleanText(std::string_view input) const {
  if (!init.ok()) return init;
  if (Status size = CheckSize(input.size(), options); !size.ok()) return size;
  std::string converted;
  Result<std::string_view> as_utf8 = InputAsUtf8(input, &converted);
  if (!as_utf8.ok()) return as_utf8.status();
  return CleanUtf8Text(as_utf8.value(), input.size());
}

Result<Document> Extractor::Impl::CleanUtf8Text(std::string_view input, size_t input_bytes) const {
  const auto start = Clock::now();
  const Options& opt = options;
  Document doc;
  doc.stats.input_bytes = input_bytes;  // the bytes given, before any conversion
  DecodeReport decode_report;
  std::string text = DecodeToUtf8(input, &decode_report);
  doc.stats.invalid_utf8 = decode_report.invalid_utf8;
  RepairDoubleEncodedUtf8(&text);
  std::vector<Line> lines = SplitTextLines(text);
  doc.stats.lines_before_filter = lines.size();
  doc.language = !option_language.empty() ? option_language : GuessLanguage(text);
  // Filter first, so that a date banner above the title is not taken for it; then take the title out of the
  // body where it stands (twice, in seeds/001).
  if (opt.filter_lines) {
    FilterOptions filter_options;
    filter_options.drop_meta_lines = true;  // no markup tells a dateline from the article here
    filter_options.drop_link_lines = false;
    filter_options.cut_tail = opt.focus != Focus::kRecall;
    FilterLines(*rules, doc.language, /*title=*/"", filter_options, &lines);
  }
  doc.title = GuessTitle(lines);
  if (!doc.title.empty()) RemoveLeadingTitle(doc.title, &lines);
  doc.stats.lines_after_filter = lines.size();
  Compose(opt, std::move(lines), &doc);
  if (doc.text.empty()) doc.stats.empty_reason = "no text";
  doc.stats.total_ms = MsSince(start);
  return doc;
}

}  // namespace cleaner
