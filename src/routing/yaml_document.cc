#include "routing/yaml_document.h"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>

namespace gdslack {
namespace {

const std::string kEmpty;
const std::vector<std::pair<YamlNode, YamlNode>> kNoEntries;

// YAML 1.2 core schema: these plain scalars are null (yaml-cpp reads them the same way).
bool IsNullText(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};
struct Event {
  yaml_event_t e{};
  bool set = false;
  ~Event() {
    if (set) yaml_event_delete(&e);
  }
};

std::string AnchorOf(const yaml_char_t* anchor) {
  return anchor == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(anchor));
}

}  // namespace

bool YamlNode::IsNull() const { return data_ != nullptr && data_->kind == YamlKind::kNull; }
bool YamlNode::IsScalar() const { return data_ != nullptr && data_->kind == YamlKind::kScalar; }
bool YamlNode::IsSequence() const { return data_ != nullptr && data_->kind == YamlKind::kSequence; }
bool YamlNode::IsMap() const { return data_ != nullptr && data_->kind == YamlKind::kMap; }
const std::string& YamlNode::Scalar() const { return IsScalar() ? data_->scalar : kEmpty; }
int YamlNode::line() const { return data_ == nullptr ? -1 : data_->line; }
std::size_t YamlNode::expanded() const { return data_ == nullptr ? 0 : data_->expanded; }

std::size_t YamlNode::size() const {
  if (IsSequence()) return data_->items.size();
  if (IsMap()) return data_->entries.size();
  return 0;
}

YamlNode YamlNode::operator[](std::size_t i) const { return IsSequence() && i < size() ? data_->items[i] : YamlNode(); }

const std::vector<std::pair<YamlNode, YamlNode>>& YamlNode::entries() const {
  return IsMap() ? data_->entries : kNoEntries;
}

Result<YamlDocument> YamlDocument::Parse(std::string_view text, const std::string& source) {
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
  if (yaml_parser_initialize(parser.get()) == 0) {
    delete parser.release();
    return Status(Code::kInternal, "libyaml could not start a parser");
  }
  // libyaml asserts on a null input pointer, which an empty string_view may carry.
  const char* input = text.data() != nullptr ? text.data() : "";
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(input), text.size());

  YamlDocument doc;
  std::vector<YamlData*> open;           // the mappings and sequences being filled, innermost last
  std::vector<YamlNode> pending_key;     // per open mapping: a key waiting for its value
  std::vector<std::string> open_anchor;  // per open collection: its anchor, named once it is complete
  // Anchor name -> (node, when it was anchored). A later anchor of the same name wins, as YAML says; a
  // collection's anchor is named when the collection ends, unless the name was anchored again inside it.
  std::map<std::string, std::pair<YamlNode, uint64_t>> anchors;
  uint64_t anchored = 0;
  std::vector<uint64_t> open_since;  // per open collection: the count of anchors when it started
  bool have_root = false;

  // libyaml ends an input without a final newline with one of its own, so an error at the very end can name a
  // line past the last: name the last instead.
  const int last_line =
      static_cast<int>(std::count(text.begin(), text.end(), '\n')) - (!text.empty() && text.back() == '\n' ? 1 : 0);
  auto error = [&](int line, const std::string& problem) {
    return Status(Code::kConfig,
                  source + ":" + std::to_string(std::min(line, std::max(last_line, 0)) + 1) + ": " + problem);
  };
  // Puts a finished node where it belongs: the root, the next item of a sequence, or a mapping's key or value.
  auto attach = [&](YamlNode node) {
    if (open.empty()) {
      doc.root_ = node;
      have_root = true;
      return;
    }
    YamlData* parent = open.back();
    if (parent->kind == YamlKind::kSequence) {
      parent->items.push_back(node);
    } else if (!pending_key.back()) {
      pending_key.back() = node;
    } else {
      parent->entries.emplace_back(pending_key.back(), node);
      pending_key.back() = YamlNode();
    }
  };
  auto make = [&](YamlKind kind, const yaml_mark_t& mark) {
    YamlData& d = doc.nodes_.emplace_back();
    d.kind = kind;
    d.line = static_cast<int>(mark.line);
    return &d;
  };
  auto open_collection = [&](YamlKind kind, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    YamlData* d = make(kind, mark);
    attach(YamlNode(d));
    open.push_back(d);
    pending_key.emplace_back();
    open_anchor.push_back(AnchorOf(anchor));
    open_since.push_back(++anchored);
  };

  for (;;) {
    Event ev;
    if (yaml_parser_parse(parser.get(), &ev.e) == 0) {
      const std::string problem = parser->problem != nullptr ? parser->problem : "not valid YAML";
      const std::string context = parser->context != nullptr ? std::string(parser->context) + ": " : "";
      int line = static_cast<int>(parser->problem_mark.line);
      if (parser->error == YAML_READER_ERROR) {
        // Bad UTF-8 or a control character: libyaml gives a byte offset, not a mark.
        const std::size_t at = std::min(parser->problem_offset, text.size());
        line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
      }
      return error(line, context + problem);
    }
    ev.set = true;
    const yaml_event_t& e = ev.e;
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        const std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        const bool null = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && IsNullText(value);
        YamlData* d = make(null ? YamlKind::kNull : YamlKind::kScalar, e.start_mark);
        if (!null) d->scalar.assign(value);
        if (e.data.scalar.anchor != nullptr) anchors[AnchorOf(e.data.scalar.anchor)] = {YamlNode(d), ++anchored};
        attach(YamlNode(d));
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        open_collection(YamlKind::kSequence, e.start_mark, e.data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT: open_collection(YamlKind::kMap, e.start_mark, e.data.mapping_start.anchor); break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        YamlData* d = open.back();
        std::size_t expanded = 1;
        for (const YamlNode& item : d->items) expanded += item.expanded();
        for (const auto& [key, value] : d->entries) expanded += key.expanded() + value.expanded();
        if (expanded > kMaxExpandedNodes) {
          return error(d->line, "aliases expand the document beyond " + std::to_string(kMaxExpandedNodes) + " nodes");
        }
        d->expanded = expanded;
        if (!open_anchor.back().empty()) {
          auto [it, added] = anchors.try_emplace(open_anchor.back(), YamlNode(d), open_since.back());
          if (!added && it->second.second < open_since.back()) it->second = {YamlNode(d), open_since.back()};
        }
        open.pop_back();
        pending_key.pop_back();
        open_anchor.pop_back();
        open_since.pop_back();
        break;
      }
      case YAML_ALIAS_EVENT: {
        const auto it = anchors.find(AnchorOf(e.data.alias.anchor));
        if (it == anchors.end()) {
          return error(static_cast<int>(e.start_mark.line), "unknown alias *" + AnchorOf(e.data.alias.anchor));
        }
        attach(it->second.first);
        break;
      }
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        // Only the first document counts, as in yaml-cpp's YAML::Load.
        if (!have_root) doc.root_ = YamlNode(&doc.nodes_.emplace_back());
        return doc;
      default:  // stream and document start: nothing to keep
        break;
    }
  }
}

}  // namespace gdslack
