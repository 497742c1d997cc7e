// YamlDocument: the first document of a YAML text as a read-only tree of mappings, sequences and scalars,
// parsed by libyaml (Debian's libyaml-dev, the YAML 1.1 reference parser in C). The routing loader's input.
//
// Why libyaml and not yaml-cpp: the routing file is read at every Lambda cold start, and yaml-cpp spent ~570 k
// instructions on the bench's 108-byte file (its scanner builds and matches its own regular-expression trees,
// and every node is reference-counted): 45 % of init. libyaml parses it in a few thousand
// (docs/PERFORMANCE.md §6, "Fourth round").
//
// What the tree keeps is what a configuration needs: each node's kind, its scalar text and its line. A plain
// scalar that is empty, `~` or `null` (any case YAML allows) is null, as in YAML's core schema. Aliases are
// resolved to the latest node their anchor names, once that node is complete (a collection cannot hold itself), and a
// document that aliases expand beyond kMaxExpandedNodes is refused (the "billion laughs"). Tags are ignored (every
// scalar is text; the loader converts). Merge keys (`<<`) are ordinary keys, so the loader refuses them as unknown.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace gdslack {

struct YamlData;

// A node of a YamlDocument, valid while the document lives. A default-constructed node is undefined (a key
// that is not there) and tests false.
class YamlNode {
 public:
  YamlNode() = default;
  explicit YamlNode(const YamlData* data) : data_(data) {}

  explicit operator bool() const { return data_ != nullptr; }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  // The scalar's text; empty for any other node.
  const std::string& Scalar() const;
  // 0-based line of the node's first character; -1 for an undefined node.
  int line() const;
  // Entries of a mapping or items of a sequence; 0 for any other node.
  std::size_t size() const;
  // Item i of a sequence (i < size()).
  YamlNode operator[](std::size_t i) const;
  // How many nodes this one stands for with every alias inside expanded (1 for a scalar).
  std::size_t expanded() const;
  // A mapping's entries, in document order (empty for any other node).
  const std::vector<std::pair<YamlNode, YamlNode>>& entries() const;

 private:
  const YamlData* data_ = nullptr;
};

enum class YamlKind { kNull, kScalar, kSequence, kMap };

struct YamlData {
  YamlKind kind = YamlKind::kNull;
  int line = 0;
  std::size_t expanded = 1;  // nodes counting every alias as a copy of what it names
  std::string scalar;
  std::vector<YamlNode> items;                         // kSequence
  std::vector<std::pair<YamlNode, YamlNode>> entries;  // kMap
};

class YamlDocument {
 public:
  YamlDocument() = default;
  // Movable (the nodes stay where they are: a moved deque keeps its elements), never copied: a copy's nodes
  // would still point into the original.
  YamlDocument(YamlDocument&&) = default;
  YamlDocument& operator=(YamlDocument&&) = default;
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;

  // The most nodes a document may stand for once aliases are expanded: far above any routing file (config/
  // example.yaml has ~300), far below what would make walking it slow.
  static constexpr std::size_t kMaxExpandedNodes = 100000;

  // The first document of `text`. A syntax error is a kConfig Status "source:LINE: problem".
  static Result<YamlDocument> Parse(std::string_view text, const std::string& source);

  // The root node: null for an empty text.
  YamlNode root() const { return root_; }

 private:
  std::deque<YamlData> nodes_;  // a deque: adding a node leaves the others where they are
  YamlNode root_;
};

}  // namespace gdslack
