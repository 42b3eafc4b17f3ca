// AccountService: persons, enterprises and staff (identity/accounts.hpp).
// Personal identifiers are sealed and blind-indexed through privacy::Vault;
// every staff read of a person is recorded in the personal-data access log.
#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "core/utc.hpp"
#include "identity/accounts.hpp"
#include "identity/person_identifier.hpp"
#include "identity/phone_number.hpp"
#include "identity/policy.hpp"
#include "identity/uscc.hpp"
#include "outbox/outbox.hpp"
#include "sql_account_store.hpp"
#include "time/shanghai_time.hpp"
#include "tongban_identity_migrations.hpp"

namespace tongban::identity {
namespace {

constexpr std::string_view kPhoneIndexKind = "phone";
constexpr std::string_view kDefaultPurpose = "operator console";
constexpr std::string_view kPersonFields = "name,id_number,phone";

const calendar::Clock& DefaultClock() {
  static const calendar::SystemClock clock;
  return clock;
}

Error Invalid(std::string reason, std::string zh, std::string en, std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), std::move(zh), std::move(en),
                     std::move(field));
}

// Code points of valid UTF-8 without control characters; nullopt otherwise.
std::optional<std::size_t> PrintableChars(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return std::nullopt;
    if (len == 1 && (c < 0x20 || c == 0x7F)) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

std::string Trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

Status CheckName(const std::string& name, std::size_t max_chars, const char* field) {
  auto chars = PrintableChars(name);
  if (!chars || *chars == 0 || *chars > max_chars || Trim(name) != name) {
    return Invalid("identity.name",
                   "名称须为 1–" + std::to_string(max_chars) + " 个字，不含控制字符或首尾空格",
                   "a name is 1–" + std::to_string(max_chars) +
                       " characters, without control characters or surrounding spaces",
                   field);
  }
  return Status::Ok();
}

Status CheckLimit(int limit) {
  if (limit < 1 || limit > kMaxPageSize) {
    return Invalid("identity.bad_limit", "limit 须在 1–100 之间", "limit must be within 1–100", "limit");
  }
  return Status::Ok();
}

// The model's field names are per document type; the accounts API has one
// field for the number and one for its kind.
Error AtField(Error error, const char* field) {
  if (error.field != PassportNumber::kNationalityField) error.field = field;
  return error;
}

// What identifies the holder, for the blind index: the whole number, except a
// passport (bound to its nationality: numbers are unique per issuing state)
// and the travel permits (the lifetime number, the same across reissues).
std::string IndexValue(const PersonIdentifier& id) {
  switch (id.kind()) {
    case PersonIdentifier::Kind::kPassport: {
      const auto& p = std::get<PassportNumber>(id.value());
      return p.nationality() + ":" + std::string(p.Reveal());
    }
    case PersonIdentifier::Kind::kHkMacauPermit:
      return std::string(std::get<HkMacauPermitNumber>(id.value()).RevealLifetimeNumber());
    case PersonIdentifier::Kind::kTaiwanPermit:
      return std::string(std::get<TaiwanPermitNumber>(id.value()).RevealLifetimeNumber());
    case PersonIdentifier::Kind::kResidentId:
    case PersonIdentifier::Kind::kHmtResidencePermit: break;
  }
  return std::string(id.Reveal());
}

std::string SealedAt(const std::string& person_id, const char* column) {
  return "persons/" + person_id + "/" + column;
}

PersonSummary SummaryOf(const PersonRow& p) {
  auto level = ParseAssuranceLevel(p.assurance_level);
  return PersonSummary{p.id,           p.name,
                       p.id_kind,      p.id_number_masked,
                       p.phone_masked, level.ok() ? *level : AssuranceLevel::kL1,
                       p.status};
}

std::vector<Role> ParseRoles(const std::string& codes) {
  std::vector<Role> roles;
  std::size_t start = 0;
  while (start < codes.size()) {
    std::size_t end = codes.find(',', start);
    if (end == std::string::npos) end = codes.size();
    auto role = ParseRole(std::string_view(codes).substr(start, end - start));
    if (role.ok()) roles.push_back(*role);
    start = end + 1;
  }
  return roles;
}

std::string JoinRoles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ",";
    out += RoleCode(r);
  }
  return out;
}

StaffSummary SummaryOf(const StaffRow& s) {
  return StaffSummary{s.id, s.name, s.department_id, ParseRoles(s.roles), s.status};
}

Error PersonNotFound() {
  return Error::Make(ErrorCode::kNotFound, "identity.person_not_found", "未找到该自然人", "no such person");
}
Error EnterpriseNotFound() {
  return Error::Make(ErrorCode::kNotFound, "identity.enterprise_not_found", "未找到该法人",
                     "no such enterprise");
}
Error StaffNotFound() {
  return Error::Make(ErrorCode::kNotFound, "identity.staff_not_found", "未找到该工作人员",
                     "no such staff member");
}

std::string Quoted(std::string_view key, std::string_view value) {
  // Values here are identifiers and codes of [A-Za-z0-9_,.:-]: nothing to escape.
  return "\"" + std::string(key) + "\":\"" + std::string(value) + "\"";
}

void Record(db::Transaction& tx, const Caller& caller, const char* action, const char* object_type,
            const std::string& object_id, const char* topic, const std::string& payload,
            const std::string& detail = {}) {
  audit::Append(tx, audit::Record{caller.ToActor(), action, object_type, object_id, caller.request_id,
                                  audit::Outcome::kSuccess, detail});
  outbox::Publish(tx, outbox::NewEvent{topic, object_type, object_id, payload, caller.request_id});
}

Status RecordPersonRead(db::Transaction& tx, const Caller& caller, const std::string& person_id,
                        const std::string& purpose, std::string_view fields) {
  privacy::Access access;
  access.person_id = person_id;
  access.reader = caller.ToActor();
  access.purpose = purpose.empty() ? std::string(kDefaultPurpose) : purpose;
  access.fields = std::string(fields);
  access.unmasked = false;
  access.object_type = "person";
  access.object_id = person_id;
  access.request_id = caller.request_id;
  return privacy::RecordAccess(tx, access);
}

bool ValidUsername(const std::string& u) {
  if (u.size() < 3 || u.size() > kMaxUsernameChars || u[0] < 'a' || u[0] > 'z') return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

bool ValidDepartmentId(const std::string& d) {
  if (d.empty() || d.size() > kMaxDepartmentIdChars) return false;
  return std::all_of(d.begin(), d.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

AccountService::AccountService(db::Database& db, const privacy::Vault& vault)
    : AccountService(db, vault, DefaultClock()) {}

AccountService::AccountService(db::Database& db, const privacy::Vault& vault, const calendar::Clock& clock)
    : db_(db), vault_(vault), clock_(clock) {}

// --- registration and login -------------------------------------------------

Result<PersonSummary> AccountService::RegisterPerson(db::Transaction& tx, const NewPerson& input) {
  TONGBAN_RETURN_IF_ERROR(CheckName(input.name, kMaxPersonNameChars, "/name"));
  auto kind = PersonIdentifier::ParseKind(input.id_kind);
  if (!kind) return AtField(kind.error(), "/id_kind");
  std::string nationality = input.nationality;
  if (*kind != PersonIdentifier::Kind::kPassport) {
    if (!nationality.empty() && nationality != "CHN") {
      return Invalid("identity.nationality_not_applicable", "只有护照需要填写国籍",
                     "Only a passport takes a nationality", "/nationality");
    }
    nationality.clear();
  }
  auto document =
      PersonIdentifier::Parse(*kind, input.id_number, nationality, calendar::ShanghaiDate(clock_.Now()));
  if (!document) return AtField(document.error(), "/id_number");
  auto phone = PhoneNumber::Parse(input.phone);
  if (!phone) return AtField(phone.error(), "/phone");

  SqlAccountStore store(tx);
  std::string id_index = vault_.Index(input.id_kind, IndexValue(*document));
  std::string phone_index = vault_.Index(kPhoneIndexKind, phone->Reveal());
  if (store.FindPersonByIdNumberIndex(id_index)) {
    return Error::Make(ErrorCode::kAlreadyExists, "identity.person_exists", "该证件号码已注册",
                       "this document number is already registered", "/id_number");
  }
  if (store.FindPersonByPhoneIndex(phone_index)) {
    return Error::Make(ErrorCode::kAlreadyExists, "identity.person_exists", "该手机号码已注册",
                       "this phone number is already registered", "/phone");
  }
  PersonRow row;
  row.id = "person_" + NewUlid();
  row.name = input.name;
  row.id_kind = input.id_kind;
  row.id_number_sealed = vault_.Seal(document->Reveal(), SealedAt(row.id, "id_number"));
  row.id_number_index = id_index;
  row.id_number_masked = document->Masked();
  row.nationality = *kind == PersonIdentifier::Kind::kPassport
                        ? std::get<PassportNumber>(document->value()).nationality()
                        : "CHN";
  row.phone_sealed = vault_.Seal(phone->Reveal(), SealedAt(row.id, "phone"));
  row.phone_index = phone_index;
  row.phone_masked = phone->Masked();
  row.assurance_level = std::string(AssuranceLevelCode(AssuranceLevel::kL1));
  row.status = "active";
  row.created_at = row.updated_at = NowUtcMillis();
  if (!store.InsertPerson(row)) {
    return Error::Make(ErrorCode::kAlreadyExists, "identity.person_exists", "该证件号码或手机号码已注册",
                       "this document number or phone number is already registered", "/id_number");
  }
  Caller self;
  self.kind = CallerKind::kPerson;
  self.subject_id = row.id;
  self.roles = {Role::kResident};
  Record(tx, self, "identity.person.register", "person", row.id, "identity.person.registered",
         "{" + Quoted("person_id", row.id) + "," + Quoted("id_kind", row.id_kind) + "}");
  return SummaryOf(row);
}

std::optional<LoginSubject> AccountService::FindByLogin(db::Transaction& tx, const std::string& login_text) {
  std::string login = Trim(login_text);
  if (login.empty() || login.size() > kMaxDocumentNumberChars + kMaxUsernameChars) return std::nullopt;
  SqlAccountStore store(tx);
  std::optional<PersonRow> person;
  if (auto phone = PhoneNumber::Parse(login); phone.ok()) {
    person = store.FindPersonByPhoneIndex(vault_.Index(kPhoneIndexKind, phone->Reveal()));
  } else {
    calendar::Date today = calendar::ShanghaiDate(clock_.Now());
    for (auto kind : {PersonIdentifier::Kind::kResidentId, PersonIdentifier::Kind::kHmtResidencePermit,
                      PersonIdentifier::Kind::kHkMacauPermit, PersonIdentifier::Kind::kTaiwanPermit}) {
      auto document = PersonIdentifier::Parse(kind, login, "", today);
      if (!document) continue;
      person = store.FindPersonByIdNumberIndex(
          vault_.Index(PersonIdentifier::KindCode(kind), IndexValue(*document)));
      if (person) break;
    }
  }
  if (person) return FindSubject(tx, person->id);
  std::string username = Lower(login);
  if (!ValidUsername(username)) return std::nullopt;
  auto staff = store.FindStaffByUsername(username);
  if (!staff) return std::nullopt;
  return FindSubject(tx, staff->id);
}

std::optional<LoginSubject> AccountService::FindSubject(db::Transaction& tx, const std::string& subject_id) {
  SqlAccountStore store(tx);
  if (subject_id.rfind("person_", 0) == 0) {
    auto p = store.FindPerson(subject_id);
    if (!p) return std::nullopt;
    LoginSubject s;
    s.subject_id = p->id;
    s.staff = false;
    s.display_name = p->name;
    s.roles = {Role::kResident};
    s.assurance = SummaryOf(*p).assurance;
    s.status = p->status;
    auto phone = vault_.Open(p->phone_sealed, SealedAt(p->id, "phone"));
    if (phone.ok()) s.phone = *phone;
    return s;
  }
  if (subject_id.rfind("staff_", 0) == 0) {
    auto st = store.FindStaff(subject_id);
    if (!st) return std::nullopt;
    LoginSubject s;
    s.subject_id = st->id;
    s.staff = true;
    s.display_name = st->name;
    s.roles = ParseRoles(st->roles);
    s.department_id = st->department_id;
    // Staff accounts are opened by an administrator for a known employee.
    s.assurance = AssuranceLevel::kL3;
    s.status = st->status;
    return s;
  }
  return std::nullopt;
}

// --- Directory ----------------------------------------------------------------

std::optional<PersonSummary> AccountService::FindPerson(db::Transaction& tx, const std::string& person_id) {
  auto p = SqlAccountStore(tx).FindPerson(person_id);
  if (!p) return std::nullopt;
  return SummaryOf(*p);
}

std::optional<EnterpriseSummary> AccountService::FindEnterprise(db::Transaction& tx,
                                                                const std::string& enterprise_id) {
  auto e = SqlAccountStore(tx).FindEnterprise(enterprise_id);
  if (!e) return std::nullopt;
  return e->summary;
}

std::optional<EnterpriseSummary> AccountService::FindEnterpriseByUscc(db::Transaction& tx,
                                                                      const std::string& uscc) {
  auto code = Uscc::Parse(uscc);
  if (!code) return std::nullopt;
  auto e = SqlAccountStore(tx).FindEnterpriseByUscc(std::string(code->value()));
  if (!e) return std::nullopt;
  return e->summary;
}

std::optional<StaffSummary> AccountService::FindStaff(db::Transaction& tx, const std::string& staff_id) {
  auto s = SqlAccountStore(tx).FindStaff(staff_id);
  if (!s) return std::nullopt;
  return SummaryOf(*s);
}

// --- persons --------------------------------------------------------------------

Result<std::vector<PersonSummary>> AccountService::SearchPersons(const Caller& caller,
                                                                 const PersonSearch& search) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.person.list"));
  TONGBAN_RETURN_IF_ERROR(CheckLimit(search.limit));
  std::string text = Trim(search.text);
  auto chars = PrintableChars(text);
  if (!chars || *chars > kMaxSearchChars) {
    return Invalid("identity.search_text", "查询条件不能超过 100 个字",
                   "the search text is at most 100 characters", "q");
  }
  std::vector<PersonSummary> out;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    out.clear();
    SqlAccountStore store(tx);
    std::vector<PersonRow> rows;
    if (text.empty()) {
      rows = store.ListPersons(search.after, search.limit);
    } else if (auto phone = PhoneNumber::Parse(text); phone.ok()) {
      if (auto p = store.FindPersonByPhoneIndex(vault_.Index(kPhoneIndexKind, phone->Reveal())))
        rows.push_back(*p);
    } else {
      calendar::Date today = calendar::ShanghaiDate(clock_.Now());
      bool document = false;
      for (auto kind : {PersonIdentifier::Kind::kResidentId, PersonIdentifier::Kind::kHmtResidencePermit,
                        PersonIdentifier::Kind::kHkMacauPermit, PersonIdentifier::Kind::kTaiwanPermit}) {
        auto parsed = PersonIdentifier::Parse(kind, text, "", today);
        if (!parsed) continue;
        document = true;
        if (auto p = store.FindPersonByIdNumberIndex(
                vault_.Index(PersonIdentifier::KindCode(kind), IndexValue(*parsed)))) {
          rows.push_back(*p);
          break;
        }
      }
      if (!document) rows = store.FindPersonsByName(ContainsPattern(text), search.after, search.limit);
    }
    for (const PersonRow& row : rows) {
      TONGBAN_RETURN_IF_ERROR(RecordPersonRead(tx, caller, row.id, search.purpose, kPersonFields));
      out.push_back(SummaryOf(row));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

namespace {

PersonDetail DetailOf(const PersonRow& row, SqlAccountStore& store) {
  PersonDetail d;
  d.summary = SummaryOf(row);
  d.nationality = row.nationality;
  d.assurance_verified_by = row.assurance_verified_by;
  d.assurance_verified_at = row.assurance_verified_at;
  d.created_at = row.created_at;
  d.updated_at = row.updated_at;
  for (auto& e : store.FindEnterprisesByLegalRepresentative(row.id))
    d.represented_enterprises.push_back(e.summary);
  return d;
}

}  // namespace

Result<PersonDetail> AccountService::ReadPerson(const Caller& caller, const std::string& person_id,
                                                const std::string& purpose) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.person.read", Target{person_id, "", "", ""}));
  std::optional<PersonDetail> out;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAccountStore store(tx);
    auto row = store.FindPerson(person_id);
    if (!row) return PersonNotFound();
    TONGBAN_RETURN_IF_ERROR(RecordPersonRead(tx, caller, row->id, purpose, kPersonFields));
    out = DetailOf(*row, store);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return std::move(*out);
}

Result<UnmaskedPerson> AccountService::UnmaskPerson(const Caller& caller, const std::string& person_id,
                                                    const std::vector<std::string>& fields,
                                                    const std::string& purpose) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.person.unmask", Target{person_id, "", "", ""}));
  std::set<std::string> wanted;
  for (const std::string& f : fields) {
    if (f != "id_number" && f != "phone") {
      return Invalid("identity.unmask_field", "只能查看证件号码（id_number）或手机号码（phone）的明文",
                     "only id_number and phone can be unmasked", "/fields");
    }
    wanted.insert(f);
  }
  if (wanted.empty()) {
    return Invalid("identity.unmask_field", "请选择要查看明文的字段", "name the fields to unmask", "/fields");
  }
  std::string joined;
  for (const char* f : {"id_number", "phone"}) {
    if (!wanted.count(f)) continue;
    if (!joined.empty()) joined += ",";
    joined += f;
  }
  UnmaskedPerson out;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    out = UnmaskedPerson{person_id, std::nullopt, std::nullopt};
    auto row = SqlAccountStore(tx).FindPerson(person_id);
    if (!row) return PersonNotFound();
    if (wanted.count("id_number")) {
      auto plain = vault_.Open(row->id_number_sealed, SealedAt(row->id, "id_number"));
      if (!plain) return std::move(Error(plain.error())).WithDetail("person " + row->id + " id_number");
      out.id_number = *plain;
    }
    if (wanted.count("phone")) {
      auto plain = vault_.Open(row->phone_sealed, SealedAt(row->id, "phone"));
      if (!plain) return std::move(Error(plain.error())).WithDetail("person " + row->id + " phone");
      out.phone = *plain;
    }
    privacy::Access access;
    access.person_id = row->id;
    access.reader = caller.ToActor();
    access.purpose = purpose;
    access.fields = joined;
    access.unmasked = true;
    access.object_type = "person";
    access.object_id = row->id;
    access.request_id = caller.request_id;
    TONGBAN_RETURN_IF_ERROR(privacy::RecordAccess(tx, access));
    outbox::Publish(
        tx, outbox::NewEvent{"identity.person.unmasked", "person", row->id,
                             "{" + Quoted("person_id", row->id) + "," + Quoted("fields", joined) + "}",
                             caller.request_id});
    return Status::Ok();
  });
  if (!st.ok()) {
    Error e = st.error();
    // A sealed value that does not open is a broken invariant, not the caller's input.
    if (e.reason == "crypto.tag_mismatch") e.code = ErrorCode::kInternal;
    return e;
  }
  return out;
}

Result<PersonDetail> AccountService::VerifyInPerson(const Caller& caller, const std::string& person_id,
                                                    const std::string& presented_number) {
  TONGBAN_RETURN_IF_ERROR(
      Authorize(caller, "identity.person.verify_in_person", Target{person_id, "", "", ""}));
  std::optional<PersonDetail> out;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAccountStore store(tx);
    auto row = store.FindPerson(person_id);
    if (!row) return PersonNotFound();
    auto kind = PersonIdentifier::ParseKind(row->id_kind);
    if (!kind) return kind.error();
    std::string nationality = *kind == PersonIdentifier::Kind::kPassport ? row->nationality : "";
    auto document = PersonIdentifier::Parse(*kind, Trim(presented_number), nationality,
                                            calendar::ShanghaiDate(clock_.Now()));
    if (!document) return AtField(document.error(), "/id_number");
    if (vault_.Index(row->id_kind, IndexValue(*document)) != row->id_number_index) {
      return Error::Make(ErrorCode::kFailedPrecondition, "identity.document_mismatch",
                         "所出示证件的号码与该账户登记的不一致",
                         "the document presented is not this person's", "/id_number");
    }
    if (row->status != "active") {
      return Error::Make(ErrorCode::kFailedPrecondition, "identity.person_not_active", "该账户未处于正常状态",
                         "this account is not active");
    }
    std::string now = NowUtcMillis();
    store.UpdatePersonAssurance(row->id, "L3", caller.subject_id, now);
    Record(tx, caller, "identity.person.verify_in_person", "person", row->id,
           "identity.person.verified_in_person",
           "{" + Quoted("person_id", row->id) + "," + Quoted("assurance_level", "L3") + "}");
    TONGBAN_RETURN_IF_ERROR(RecordPersonRead(tx, caller, row->id, "in-person verification", kPersonFields));
    auto updated = store.FindPerson(row->id);
    out = DetailOf(*updated, store);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return std::move(*out);
}

// --- enterprises ----------------------------------------------------------------

Result<EnterpriseSummary> AccountService::CreateEnterprise(const Caller& caller, const NewEnterprise& input) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.enterprise.create"));
  auto code = Uscc::Parse(input.uscc);
  if (!code) return code.error();
  TONGBAN_RETURN_IF_ERROR(CheckName(input.name, kMaxEnterpriseNameChars, "/name"));
  const std::string& status = input.registry_status;
  if (status != "active" && status != "revoked" && status != "deregistered") {
    return Invalid("identity.registry_status",
                   "登记状态须为 active（存续）、revoked（吊销）或 deregistered（注销）",
                   "registry_status is active, revoked or deregistered", "/registry_status");
  }
  EnterpriseRow row;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAccountStore store(tx);
    if (input.legal_representative_person_id.rfind("person_", 0) != 0 ||
        !store.FindPerson(input.legal_representative_person_id)) {
      return Invalid("identity.legal_representative_not_found", "法定代表人须为已注册的自然人",
                     "the legal representative must be a registered person",
                     "/legal_representative_person_id");
    }
    row.summary = EnterpriseSummary{"ent_" + NewUlid(), std::string(code->value()), input.name,
                                    input.legal_representative_person_id, status};
    row.created_at = row.updated_at = NowUtcMillis();
    if (!store.InsertEnterprise(row)) {
      return Error::Make(ErrorCode::kAlreadyExists, "identity.enterprise_exists", "该统一社会信用代码已登记",
                         "this unified social credit code is already registered", "/uscc");
    }
    Record(tx, caller, "identity.enterprise.create", "enterprise", row.summary.enterprise_id,
           "identity.enterprise.created",
           "{" + Quoted("enterprise_id", row.summary.enterprise_id) + "," + Quoted("uscc", row.summary.uscc) +
               "," + Quoted("legal_representative_person_id", row.summary.legal_representative_person_id) +
               "}");
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return row.summary;
}

Result<std::vector<EnterpriseSummary>> AccountService::SearchEnterprises(const Caller& caller,
                                                                         const std::string& text_in,
                                                                         const std::string& after,
                                                                         int limit) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.enterprise.read"));
  TONGBAN_RETURN_IF_ERROR(CheckLimit(limit));
  std::string text = Trim(text_in);
  auto chars = PrintableChars(text);
  if (!chars || *chars > kMaxSearchChars) {
    return Invalid("identity.search_text", "查询条件不能超过 100 个字",
                   "the search text is at most 100 characters", "q");
  }
  auto code = Uscc::Parse(text);
  std::vector<EnterpriseSummary> out;
  db_.Run([&](db::Transaction& tx) {
    for (auto& e : SqlAccountStore(tx).FindEnterprises(
             ContainsPattern(text), code.ok() ? std::string(code->value()) : "", after, limit)) {
      out.push_back(e.summary);
    }
  });
  return out;
}

Result<EnterpriseSummary> AccountService::ReadEnterprise(const Caller& caller,
                                                         const std::string& enterprise_id) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.enterprise.read", Target{"", enterprise_id, "", ""}));
  std::optional<EnterpriseRow> row;
  db_.Run([&](db::Transaction& tx) { row = SqlAccountStore(tx).FindEnterprise(enterprise_id); });
  if (!row) return EnterpriseNotFound();
  return row->summary;
}

// --- staff ------------------------------------------------------------------------

Result<StaffSummary> AccountService::CreateStaff(const Caller& caller, const NewStaff& input) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.staff.create"));
  std::string username = Lower(input.username);
  if (!ValidUsername(username)) {
    return Invalid("identity.staff_username",
                   "用户名须以字母开头，由 3–64 个小写字母、数字、“.”、“_”或“-”组成",
                   "a username is 3–64 lower-case letters, digits, '.', '_' or '-', starting with a letter",
                   "/username");
  }
  TONGBAN_RETURN_IF_ERROR(CheckName(input.name, kMaxPersonNameChars, "/name"));
  if (!ValidDepartmentId(input.department_id)) {
    return Invalid("identity.department_id", "部门编码须为 1–64 个小写字母、数字、“.”、“_”或“-”",
                   "a department id is 1–64 lower-case letters, digits, '.', '_' or '-'", "/department_id");
  }
  StaffRow row{"staff_" + NewUlid(), username, input.name, input.department_id, "", "active",
               NowUtcMillis(),       ""};
  row.updated_at = row.created_at;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    if (!SqlAccountStore(tx).InsertStaff(row)) {
      return Error::Make(ErrorCode::kAlreadyExists, "identity.staff_exists", "该用户名已被使用",
                         "this username is taken", "/username");
    }
    Record(tx, caller, "identity.staff.create", "staff", row.id, "identity.staff.created",
           "{" + Quoted("staff_id", row.id) + "," + Quoted("department_id", row.department_id) + "}");
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return SummaryOf(row);
}

Result<std::vector<StaffSummary>> AccountService::ListStaff(const Caller& caller, const std::string& after,
                                                            int limit) {
  std::string department;
  Status all = Authorize(caller, "identity.staff.list");
  if (!all.ok()) {
    Status own =
        Authorize(caller, "identity.department_staff.list", Target{"", "", caller.department_id, ""});
    if (!own.ok()) return all.error();
    department = caller.department_id;
  }
  TONGBAN_RETURN_IF_ERROR(CheckLimit(limit));
  std::vector<StaffSummary> out;
  db_.Run([&](db::Transaction& tx) {
    for (auto& s : SqlAccountStore(tx).ListStaff(department, after, limit)) out.push_back(SummaryOf(s));
  });
  return out;
}

Result<StaffSummary> AccountService::AssignRoles(const Caller& caller, const std::string& staff_id,
                                                 const std::vector<Role>& requested) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.staff.assign_roles"));
  std::vector<Role> roles;
  for (Role r : requested) {
    if (r == Role::kResident || r == Role::kEnterpriseAgent) {
      return Invalid("identity.role_not_for_staff", "居民和经办人角色不能授予工作人员",
                     "resident and enterprise_agent are not staff roles", "/roles");
    }
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  }
  std::sort(roles.begin(), roles.end());
  if (Status sod = CheckSeparationOfDuties(roles); !sod.ok()) {
    Error e = sod.error();
    e.field = "/roles";
    return e;
  }
  if (staff_id == caller.subject_id) {
    return Error::Make(ErrorCode::kPermissionDenied, "identity.staff_self_assignment", "不能为自己分配角色",
                       "nobody assigns their own roles");
  }
  std::optional<StaffRow> row;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAccountStore store(tx);
    row = store.FindStaff(staff_id);
    if (!row) return StaffNotFound();
    row->roles = JoinRoles(roles);
    row->updated_at = NowUtcMillis();
    store.UpdateStaffRoles(row->id, row->roles, row->updated_at);
    Record(tx, caller, "identity.staff.assign_roles", "staff", row->id, "identity.staff.roles_assigned",
           "{" + Quoted("staff_id", row->id) + "," + Quoted("roles", row->roles) + "}",
           "roles=" + row->roles);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return SummaryOf(*row);
}

Result<StaffSummary> AccountService::DisableStaff(const Caller& caller, const std::string& staff_id) {
  TONGBAN_RETURN_IF_ERROR(Authorize(caller, "identity.staff.disable"));
  if (staff_id == caller.subject_id) {
    return Error::Make(ErrorCode::kPermissionDenied, "identity.staff_self_disable", "不能停用自己的账户",
                       "nobody disables their own account");
  }
  std::optional<StaffRow> row;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    SqlAccountStore store(tx);
    row = store.FindStaff(staff_id);
    if (!row) return StaffNotFound();
    if (row->status == "disabled") return Status::Ok();  // already: nothing changes
    row->status = "disabled";
    row->updated_at = NowUtcMillis();
    store.UpdateStaffStatus(row->id, row->status, row->updated_at);
    Record(tx, caller, "identity.staff.disable", "staff", row->id, "identity.staff.disabled",
           "{" + Quoted("staff_id", row->id) + "}");
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return SummaryOf(*row);
}

// --- who looked at my data ------------------------------------------------------

Result<AccessLogPage> AccountService::ListMyAccessLog(const Caller& caller, std::int64_t before, int limit) {
  TONGBAN_RETURN_IF_ERROR(
      Authorize(caller, "identity.access_log.read_own", Target{caller.subject_id, "", "", ""}));
  TONGBAN_RETURN_IF_ERROR(CheckLimit(limit));
  if (before < 0) {
    return Invalid("identity.bad_cursor", "before 须为非负整数", "before must be a non-negative integer",
                   "before");
  }
  AccessLogPage page;
  db_.Run([&](db::Transaction& tx) {
    SqlAccountStore store(tx);
    std::vector<privacy::StoredAccess> rows = privacy::ListAccess(tx, caller.subject_id, before, limit);
    for (const privacy::StoredAccess& row : rows) {
      AccessLogEntry e;
      e.seq = row.seq;
      e.at = row.at;
      const audit::Actor& reader = row.access.reader;
      e.reader_id = reader.subject;
      e.reader_role = reader.role;
      e.reader_department = reader.department;
      if (reader.subject.rfind("staff_", 0) == 0) {
        e.reader_kind = "staff";
        auto staff = store.FindStaff(reader.subject);
        e.reader_name = staff ? staff->name : reader.subject;
      } else if (reader.role == "client" || reader.subject.rfind("client_", 0) == 0) {
        e.reader_kind = "client";
        e.reader_name = reader.subject;
      } else {
        e.reader_kind = "system";
        e.reader_name = reader.subject;
      }
      e.purpose = row.access.purpose;
      std::size_t start = 0;
      const std::string& f = row.access.fields;
      while (start < f.size()) {
        std::size_t end = f.find(',', start);
        if (end == std::string::npos) end = f.size();
        e.fields.push_back(f.substr(start, end - start));
        start = end + 1;
      }
      e.unmasked = row.access.unmasked;
      page.items.push_back(std::move(e));
    }
    if (static_cast<int>(rows.size()) == limit) page.next_before = rows.back().seq;
  });
  return page;
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::identity
