// The production AccountGateway: AccountService of the accounts part.
#include "identity/accounts.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {
namespace {

class AccountServiceGateway : public AccountGateway {
 public:
  explicit AccountServiceGateway(AccountService& accounts) : accounts_(accounts) {}
  Result<std::string> RegisterPerson(db::Transaction& tx, const NewPerson& person) override {
    auto summary = accounts_.RegisterPerson(tx, person);
    if (!summary) return summary.error();
    return summary->person_id;
  }
  std::optional<LoginSubject> FindByLogin(db::Transaction& tx, const std::string& login) override {
    return accounts_.FindByLogin(tx, login);
  }
  std::optional<LoginSubject> FindSubject(db::Transaction& tx, const std::string& subject_id) override {
    return accounts_.FindSubject(tx, subject_id);
  }
  std::optional<PersonSummary> FindPerson(db::Transaction& tx, const std::string& person_id) override {
    return accounts_.FindPerson(tx, person_id);
  }

 private:
  AccountService& accounts_;
};

}  // namespace

std::unique_ptr<AccountGateway> MakeAccountGateway(AccountService& accounts) {
  return std::make_unique<AccountServiceGateway>(accounts);
}

}  // namespace tongban::identity
