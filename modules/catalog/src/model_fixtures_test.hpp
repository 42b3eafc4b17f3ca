// Test records for the catalog model's tests: a small Shanghai catalog whose
// item and life event set every field to a non-default value and pass every
// rule (so a rule test changes one thing and expects one failure).
#pragma once

#include <string>

#include "catalog/model.hpp"

namespace tongban::catalog::fixtures {

inline constexpr char kItemCode[] = "310000-MZ-QR-0001";
inline constexpr char kSecondItemCode[] = "310000-GA-QR-0012";

inline std::string MarriageFormSchema() {
  return R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object",)"
         R"("properties":{"applicant_name":{"type":"string","title":"申请人姓名"},)"
         R"("applicant_id_number":{"type":"string","title":"身份证号","x-data-item":"population.basic"},)"
         R"("spouse_name":{"type":"string","title":"配偶姓名"}},)"
         R"("required":["applicant_name","applicant_id_number"]})";
}

// 结婚登记: one question with two answers, a situation for each; three
// materials (a licence replaces one, shared data another, one may follow).
inline ServiceItem FullItem() {
  ServiceItem item;
  item.code = kItemCode;
  item.version = 3;
  item.status = VersionStatus::kPublished;
  item.effective_from = "2026-01-01";
  item.effective_to = "2026-12-31";
  item.name = "结婚登记";
  item.aliases = {"领结婚证", "婚姻登记（结婚）"};
  item.keywords = {"领证", "登记结婚"};
  item.category = "婚姻登记";
  item.summary = "内地居民自愿结婚的，男女双方共同到婚姻登记机关申请结婚登记。";
  item.target = Target::kBoth;
  item.power_code = "SHMZ-QR-001";
  item.department_code = "shanghai.civil_affairs";
  item.region_codes = {"310000", "310101"};
  item.questions = {Question{"residence",
                             "双方户籍是否均在本市？",
                             {Option{"both", "均为本市户籍"}, Option{"one", "一方为本市户籍"}}}};
  item.situations = {
      Situation{"both_local", "双方均为本市户籍", {Clause{"residence", {"both"}}}, "最常见的情形"},
      Situation{"one_local", "一方为本市户籍", {Clause{"residence", {"one"}}}, "另一方提供居住证明"},
  };
  item.conditions = {
      Condition{"age", "男方年满22周岁，女方年满20周岁", {}},
      Condition{"residence_permit", "非本市户籍一方持有效居住证", {"one_local"}},
  };
  Material hukou;
  hukou.id = "hukou";
  hukou.name = "居民户口簿";
  hukou.source = MaterialSource::kElectronicLicence;
  hukou.issuer_department_code = "shanghai.public_security";
  hukou.type = MaterialType::kElectronic;
  hukou.paper_copies = 1;
  hukou.form = MaterialForm::kElectronic;
  hukou.necessity = Necessity::kRequired;
  hukou.replaced_by_licence = "household_register";
  Material photo;
  photo.id = "photo";
  photo.name = "双方近期半身免冠合影照片";
  photo.source = MaterialSource::kApplicant;
  photo.type = MaterialType::kCopy;
  photo.paper_copies = 3;
  photo.form = MaterialForm::kPaper;
  photo.necessity = Necessity::kMayFollow;
  photo.sample_file = "/files/catalog/samples/marriage-photo.svg";
  photo.blank_form_file = "/files/catalog/forms/marriage.pdf";
  photo.requirements = "2寸红底";
  photo.situations = {"both_local", "one_local"};
  Material permit;
  permit.id = "permit";
  permit.name = "居住证";
  permit.source = MaterialSource::kSharedData;
  permit.type = MaterialType::kOriginal;
  permit.paper_copies = 0;
  permit.form = MaterialForm::kPaperOrElectronic;
  permit.necessity = Necessity::kOptional;
  permit.replaced_by_data_item = "population.residence";
  permit.situations = {"one_local"};
  item.materials = {hukou, photo, permit};
  item.statutory_limit_days = 20;
  item.committed_limit_days = 5;
  item.fees = {Fee{"结婚登记工本费", 900, "每证9元", "沪价费〔2003〕1号"}};
  item.processing_depth = ProcessingDepth::kFullyOnline;
  item.trips = 2;
  item.any_location = true;
  item.zero_material = true;  // no applicant-supplied material is required
  item.notify_and_commit = true;
  item.accept_with_gaps = true;
  item.legal_basis = {"《中华人民共和国民法典》第一千零四十九条", "《婚姻登记条例》第四条"};
  item.windows = {
      Window{"黄浦区婚姻登记处", "310101", "黄浦区某路1号", "周一至周五 9:00-17:00", "021-12345678"}};
  item.online_url = std::string("/apply/") + kItemCode;
  item.result =
      ItemResult{ResultKind::kLicence, "结婚证", "marriage_certificate", "/files/catalog/results/m.svg"};
  item.form_schema = MarriageFormSchema();
  item.demo = true;
  item.created_at = "2026-01-01T00:00:00.000Z";
  item.updated_at = "2026-01-02T00:00:00.000Z";
  item.published_at = "2026-01-03T00:00:00.000Z";
  item.published_by = "staff_1";
  return item;
}

// 户口迁移 (a second, simpler item for life events).
inline ServiceItem SecondItem() {
  ServiceItem item;
  item.code = kSecondItemCode;
  item.name = "婚后户口迁移";
  item.category = "户籍办理";
  item.summary = "结婚后户口迁入配偶户籍地。";
  item.power_code = "SHGA-QR-012";
  item.department_code = "shanghai.public_security";
  item.statutory_limit_days = 30;
  item.committed_limit_days = 10;
  item.trips = 1;
  item.online_url = std::string("/apply/") + kSecondItemCode;
  Material hukou;
  hukou.id = "hukou_book";
  hukou.name = "户口簿";
  hukou.source = MaterialSource::kElectronicLicence;
  hukou.replaced_by_licence = "household_register";
  Material marriage;
  marriage.id = "marriage";
  marriage.name = "结婚证 (复印件)";
  marriage.type = MaterialType::kCopy;
  item.materials = {hukou, marriage};
  item.form_schema = R"({"type":"object","properties":{"applicant_name":{"type":"string","title":"姓名"},)"
                     R"("address":{"type":"string","title":"迁入地址"}},"required":["address"]})";
  return item;
}

inline LifeEvent FullLifeEvent() {
  LifeEvent event;
  event.code = "le.marriage";
  event.version = 2;
  event.status = VersionStatus::kRetired;
  event.effective_from = "2026-01-01";
  event.effective_to = "2026-06-30";
  event.name = "结婚一件事";
  event.aliases = {"我要结婚"};
  event.keywords = {"领证", "婚后户口"};
  event.target = Target::kEnterprise;
  event.summary = "结婚登记、户口迁移一次办。";
  event.lead_department_code = "shanghai.civil_affairs";
  event.item_codes = {kItemCode, kSecondItemCode};
  event.committed_limit_days = 7;
  event.demo = true;
  event.created_at = "2026-01-01T00:00:00.000Z";
  event.updated_at = "2026-01-02T00:00:00.000Z";
  event.published_at = "2026-01-03T00:00:00.000Z";
  event.published_by = "staff_2";
  return event;
}

inline CatalogDocument FullDocument() {
  CatalogDocument doc;
  doc.regions = {
      Region{"310000", "上海市", RegionLevel::kCity, "", "", ""},
      Region{"310101", "黄浦区", RegionLevel::kDistrict, "310000", "", ""},
      Region{"310101002", "南京东路街道", RegionLevel::kStreet, "310101", "", ""},
      Region{"310101002-c1", "南京东路街道社区事务受理服务中心", RegionLevel::kCentre, "310101002",
             "黄浦区某路2号", "周一至周六 9:00-17:00"},
  };
  doc.departments = {
      Department{"shanghai.civil_affairs", "上海市民政局", "市民政局", DepartmentLevel::kCity, "310000", ""},
      Department{"shanghai.public_security", "上海市公安局", "市公安局", DepartmentLevel::kCity, "310000",
                 ""},
      Department{"shanghai.huangpu.civil_affairs", "黄浦区民政局", "区民政局", DepartmentLevel::kDistrict,
                 "310101", "shanghai.civil_affairs"},
  };
  doc.powers = {
      Power{"SHMZ-QR-001",
            "结婚登记",
            PowerType::kConfirmation,
            "shanghai.civil_affairs",
            {"《婚姻登记条例》"}},
      Power{"SHGA-QR-012", "户口迁移", PowerType::kPublicService, "shanghai.public_security", {}},
  };
  doc.licence_types = {
      LicenceType{"household_register", "居民户口簿", "shanghai.public_security", Holder::kPerson, 0},
      LicenceType{"marriage_certificate", "结婚证", "shanghai.civil_affairs", Holder::kBoth, 10},
  };
  doc.data_items = {
      DataItem{"population.residence", "居住登记信息", "shanghai.public_security", "实有人口居住登记"},
      DataItem{"population.basic", "人口基本信息", "shanghai.public_security", ""},
  };
  doc.items = {FullItem(), SecondItem()};
  doc.life_events = {FullLifeEvent()};
  return doc;
}

}  // namespace tongban::catalog::fixtures
