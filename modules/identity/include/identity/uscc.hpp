// 统一社会信用代码 — unified social credit code (GB 32100-2015): the lifelong
// identifier of an enterprise or other organisation.
//
// Layout (GB 32100-2015 §4): 18 characters from the 31 of kUsccCharacters.
//   1      registration department (登记管理部门代码): 1 机构编制, 5 民政, 9 工商
//          (market regulation), Y other in the standard; the code authority has
//          since also assigned 2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会,
//          A 中央军委改革和编制办公室, N 农业
//   2      organisation category (机构类别代码) within the department, e.g. under
//          9: 1 enterprise, 2 individual business (个体工商户), 3 farmers'
//          co-operative
//   3–8    region code of the registering authority (GB/T 2260), digits
//   9–17   organisation code (组织机构代码, GB 11714-1997), its own check
//          character at 17
//   18     check character (GB 32100 §4.3, MOD 31)
// Positions 1 and 2 are not checked against those tables: assignments have
// grown since 2015 and the check character already catches a mistyped
// character. Codes are public (企业信用信息公示), so unlike a person's
// identifiers this type prints in full.
//
// Known gap: open-source validators report a few codes from early pilot
// regions (examples from Fujian, 2015) that do not satisfy the check character;
// they are refused here. Accepting one on the registry's word is a decision
// for the service, not the model.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace tongban::identity {

class Uscc {
 public:
  static constexpr std::string_view kField = "/uscc";

  // Lowercase letters are accepted and stored upper case; no spaces or
  // separators. The first rule broken decides the error, in this order, all
  // kInvalidArgument with field kField:
  //   identity.uscc_characters     a character outside kUsccCharacters (I, O, S,
  //                                V, Z and anything not a letter or digit), or
  //                                a non-digit in positions 3–8
  //   identity.uscc_length         not 18 characters
  //   identity.uscc_check          the 18th character does not match the first 17
  //   identity.uscc_org_code_check the 17th does not match positions 9–16 (GB 11714)
  static Result<Uscc> Parse(std::string_view text);

  std::string_view value() const { return value_; }
  char registration_department() const { return value_[0]; }
  char organisation_category() const { return value_[1]; }
  std::string_view region_code() const { return std::string_view(value_).substr(2, 6); }
  // Positions 9–17, the organisation code with its check character.
  std::string_view organisation_code() const { return std::string_view(value_).substr(8, 9); }

  friend bool operator==(const Uscc&, const Uscc&) = default;
  friend auto operator<=>(const Uscc&, const Uscc&) = default;

 private:
  explicit Uscc(std::string value) : value_(std::move(value)) {}

  std::string value_;
};

// Writes value(), for logs and test failure messages.
std::ostream& operator<<(std::ostream& out, const Uscc& code);

}  // namespace tongban::identity
