// Conditions of rules: a tree of {"all": […]}, {"any": […]}, {"not": {…}} and leaves
// {"field": …, "op": …, "value": …}, parsed and validated once, then evaluated against the
// facts of one item or survey response (pure, thread-safe).
//
// Fields: channel, text, rating, language, sentiment.label, sentiment.score, topics, survey,
// nps, csat, ces (a survey response's first answer of that type), customer.<attribute>.
// Ops: eq, ne, in (value: array), lt, lte, gt, gte (numbers), contains (text: case- and
// accent-insensitive substring; topics: a topic or one under it), exists (value: true/false).
// A field the facts lack (no rating, no customer) satisfies only ne and exists:false.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "core/result.hpp"

namespace voxloop::workflow {

enum class ConditionOp { kEq, kNe, kIn, kLt, kLte, kGt, kGte, kContains, kExists };

struct Condition {
  enum class Kind { kAll, kAny, kNot, kLeaf };
  Kind kind = Kind::kLeaf;
  std::vector<Condition> children;  // kAll, kAny; kNot has one
  std::string field;
  ConditionOp op = ConditionOp::kEq;
  std::vector<std::string> texts;  // the value(s) as text (folded for text contains)
  std::vector<double> numbers;     // the value(s) as numbers, for number fields
  bool flag = false;               // exists
};

// What a condition sees of one item or response.
struct Facts {
  std::string channel;
  std::string text_folded;  // analysis::FoldForSearch of the text
  std::optional<double> rating;
  std::string language;
  std::string sentiment_label;  // "" when unanalysed
  std::optional<double> sentiment_score;
  std::vector<std::string> topics;
  std::string survey;  // decimal id or ""
  std::optional<double> nps, csat, ces;
  std::optional<std::map<std::string, std::string>> customer;  // attributes; nullopt: no customer
};

// Field errors are named from `path` ("when", "when/all/0/op", …).
core::Result<Condition> ParseCondition(const boost::json::value& value, const std::string& path = "when");
bool Evaluate(const Condition& condition, const Facts& facts);
// Whether the condition reads customer attributes (they are looked up only then).
bool ReadsCustomer(const Condition& condition);

}  // namespace voxloop::workflow
