// 电子证照类型 and 共享数据项. High-frequency licences first, under the names
// people know. One line each: code | name | issuer department | holder | validity years (0: none).

export const licenceTypes = `
resident_id_card | 居民身份证 | shanghai.public_security | person | 20
household_register | 户口簿 | shanghai.public_security | person | 0
marriage_certificate | 结婚证 | shanghai.civil_affairs | person | 0
divorce_certificate | 离婚证 | shanghai.civil_affairs | person | 0
birth_medical_certificate | 出生医学证明 | shanghai.health | person | 0
business_licence | 营业执照 | shanghai.market | enterprise | 0
food_business_licence | 食品经营许可证 | shanghai.market | enterprise | 5
real_estate_certificate | 不动产权证书 | shanghai.real_estate_registry | both | 0
driver_licence | 机动车驾驶证 | shanghai.public_security.traffic | person | 10
vehicle_licence | 机动车行驶证 | shanghai.public_security.traffic | both | 0
social_security_card | 社会保障卡 | shanghai.hrss | person | 0
residence_permit | 居住证 | shanghai.public_security | person | 0
passport | 护照 | shanghai.public_security.exit_entry | person | 10
disability_certificate | 残疾人证 | shanghai.disabled | person | 10
dog_registration_certificate | 养犬登记证 | shanghai.public_security | person | 1
pollutant_discharge_permit | 排污许可证 | shanghai.ecology | enterprise | 5
construction_planning_permit | 建设工程规划许可证 | shanghai.planning | enterprise | 0
construction_permit | 建筑工程施工许可证 | shanghai.housing | enterprise | 0
hygiene_licence | 卫生许可证 | shanghai.health | enterprise | 4
drug_business_licence | 药品经营许可证 | shanghai.drug | enterprise | 5
medical_institution_licence | 医疗机构执业许可证 | shanghai.health | enterprise | 5
teacher_qualification | 教师资格证 | shanghai.education | person | 0
hk_macao_permit | 往来港澳通行证 | shanghai.public_security.exit_entry | person | 10
taiwan_permit | 往来台湾通行证 | shanghai.public_security.exit_entry | person | 10
vehicle_registration_certificate | 机动车登记证书 | shanghai.public_security.traffic | both | 0
no_criminal_record_certificate | 无犯罪记录证明 | shanghai.public_security | person | 0
household_certificate | 户籍证明 | shanghai.public_security | person | 0
death_medical_certificate | 居民死亡医学证明（推断）书 | shanghai.health | person | 0
cremation_certificate | 火化证明 | shanghai.civil_affairs | person | 0
unemployment_registration | 失业登记证明 | shanghai.hrss | person | 0
employment_registration | 就业登记证明 | shanghai.hrss | person | 0
retirement_certificate | 退休证 | shanghai.hrss | person | 0
elderly_card | 上海市敬老卡 | shanghai.civil_affairs | person | 0
low_income_certificate | 最低生活保障证 | shanghai.civil_affairs | person | 1
tax_payment_certificate | 税收完税证明 | shanghai.tax | both | 0
talent_settlement_approval | 引进人才落户批复 | shanghai.hrss | person | 0
public_rental_qualification | 公共租赁住房准入资格确认书 | shanghai.housing_admin | person | 2
liquor_retail_licence | 酒类商品零售许可证 | shanghai.commerce | enterprise | 3
tobacco_retail_licence | 烟草专卖零售许可证 | shanghai.tobacco | enterprise | 5
fire_acceptance_opinion | 建设工程消防验收意见书 | shanghai.housing | enterprise | 0
water_abstraction_permit | 取水许可证 | shanghai.water | enterprise | 5
road_transport_licence | 道路运输经营许可证 | shanghai.transport | enterprise | 6
school_running_permit | 民办学校办学许可证 | shanghai.education | enterprise | 5
special_equipment_registration | 特种设备使用登记证 | shanghai.market | enterprise | 0
outdoor_advertising_approval | 户外广告设施设置许可决定书 | shanghai.greening | enterprise | 3
entertainment_licence | 娱乐经营许可证 | shanghai.culture_tourism | enterprise | 2
internet_cafe_licence | 网络文化经营许可证（上网服务） | shanghai.culture_tourism | enterprise | 3
foreigner_work_permit | 外国人工作许可证 | shanghai.science | person | 5
hr_service_licence | 人力资源服务许可证 | shanghai.hrss | enterprise | 5
labour_dispatch_licence | 劳务派遣经营许可证 | shanghai.hrss | enterprise | 3
seal_filing_certificate | 印章刻制备案证明 | shanghai.public_security | enterprise | 0
construction_land_planning_permit | 建设用地规划许可证 | shanghai.planning | enterprise | 0
completion_acceptance_filing | 建设工程竣工验收备案证书 | shanghai.housing | enterprise | 0
planning_acceptance | 建设工程规划资源验收合格证 | shanghai.planning | enterprise | 0
medical_practitioner_licence | 医师执业证书 | shanghai.health | person | 0
nurse_licence | 护士执业证书 | shanghai.health | person | 5
practising_lawyer_licence | 律师执业证 | shanghai.justice | person | 0
notary_certificate | 公证书 | shanghai.justice | both | 0
vocational_skill_certificate | 职业技能等级证书 | shanghai.hrss | person | 0
professional_title_certificate | 专业技术职务任职资格证书 | shanghai.hrss | person | 0
health_certificate | 健康证明（从业人员） | shanghai.health | person | 1
food_production_licence | 食品生产许可证 | shanghai.market | enterprise | 5
medical_device_business_licence | 医疗器械经营许可证 | shanghai.drug | enterprise | 5
medical_device_filing | 第二类医疗器械经营备案凭证 | shanghai.drug | enterprise | 0
industrial_product_licence | 工业产品生产许可证 | shanghai.market | enterprise | 5
trademark_registration | 商标注册证 | shanghai.ip | both | 10
patent_certificate | 专利证书 | shanghai.ip | both | 0
construction_qualification | 建筑业企业资质证书 | shanghai.housing | enterprise | 5
safety_production_licence | 安全生产许可证 | shanghai.housing | enterprise | 3
hazardous_chemicals_licence | 危险化学品经营许可证 | shanghai.emergency | enterprise | 3
taxi_driver_licence | 出租汽车驾驶员从业资格证 | shanghai.transport | person | 6
road_transport_permit_vehicle | 道路运输证 | shanghai.transport | both | 0
ship_licence | 船舶营业运输证 | shanghai.transport | enterprise | 0
travel_agency_licence | 旅行社业务经营许可证 | shanghai.culture_tourism | enterprise | 0
performance_licence | 营业性演出许可证 | shanghai.culture_tourism | enterprise | 2
publication_licence | 出版物经营许可证 | shanghai.culture_tourism | enterprise | 6
radio_tv_licence | 广播电视节目制作经营许可证 | shanghai.culture_tourism | enterprise | 2
pharmacist_registration | 执业药师注册证 | shanghai.drug | person | 5
drug_production_licence | 药品生产许可证 | shanghai.drug | enterprise | 5
cosmetics_production_licence | 化妆品生产许可证 | shanghai.drug | enterprise | 5
animal_epidemic_certificate | 动物防疫条件合格证 | shanghai.agriculture | enterprise | 0
pesticide_business_licence | 农药经营许可证 | shanghai.agriculture | enterprise | 5
rural_land_contract_certificate | 农村土地承包经营权证 | shanghai.agriculture | person | 0
forest_harvest_licence | 林木采伐许可证 | shanghai.greening | both | 0
urban_drainage_permit | 城镇污水排入排水管网许可证 | shanghai.water | enterprise | 5
river_works_approval | 河道管理范围内建设项目审批决定书 | shanghai.water | enterprise | 0
environmental_impact_approval | 建设项目环境影响报告书（表）批复 | shanghai.ecology | enterprise | 0
hazardous_waste_licence | 危险废物经营许可证 | shanghai.ecology | enterprise | 5
radiation_safety_licence | 辐射安全许可证 | shanghai.ecology | enterprise | 5
social_organisation_certificate | 社会团体法人登记证书 | shanghai.civil_affairs | enterprise | 0
private_non_enterprise_certificate | 民办非企业单位登记证书 | shanghai.civil_affairs | enterprise | 0
elderly_care_filing | 养老机构备案回执 | shanghai.civil_affairs | enterprise | 0
veteran_preferential_card | 退役军人优待证 | shanghai.veterans | person | 0
sports_business_licence | 高危险性体育项目经营许可证 | shanghai.sport | enterprise | 5
fire_safety_inspection | 公众聚集场所投入使用、营业前消防安全检查合格证 | shanghai.fire | enterprise | 0
gas_business_licence | 燃气经营许可证 | shanghai.housing | enterprise | 5
property_service_filing | 物业服务企业备案证明 | shanghai.housing_admin | enterprise | 0
housing_pre_sale_permit | 商品房预售许可证 | shanghai.housing_admin | enterprise | 0
real_estate_broker_filing | 房地产经纪机构备案证书 | shanghai.housing_admin | enterprise | 0
medical_insurance_certificate | 医疗保险参保凭证 | shanghai.medical_insurance | person | 0
housing_fund_certificate | 住房公积金缴存证明 | shanghai.housing_fund | person | 0
pension_certificate | 养老金领取资格证明 | shanghai.hrss | person | 0
student_status_certificate | 学籍证明 | shanghai.education | person | 0
degree_certificate | 学位证书 | shanghai.education | person | 0
diploma_certificate | 毕业证书 | shanghai.education | person | 0
foreigner_residence_permit | 外国人工作类居留许可 | shanghai.public_security.exit_entry | person | 5
settlement_certificate | 准予迁入证明 | shanghai.public_security | person | 0
family_planning_service_certificate | 生育服务单 | shanghai.health | person | 0
tax_registration_certificate | 税务登记信息确认表 | shanghai.tax | enterprise | 0
`

// 共享数据项: [code, name, provider department, description]
export const dataItems = [
  ['population.basic', '人口基本信息', 'shanghai.public_security', '姓名、公民身份号码、性别、民族、出生日期（实有人口库）'],
  ['population.household', '户籍信息', 'shanghai.public_security', '户籍地址、户主及与户主关系、迁入迁出记录'],
  ['population.residence', '居住登记信息', 'shanghai.public_security', '来沪人员居住登记及居住证办理记录'],
  ['civil.marriage', '婚姻登记信息', 'shanghai.civil_affairs', '结婚、离婚、补领登记记录'],
  ['civil.death', '殡葬火化信息', 'shanghai.civil_affairs', '遗体火化时间与殡仪馆'],
  ['civil.assistance', '社会救助信息', 'shanghai.civil_affairs', '低保、特困、低收入家庭认定记录'],
  ['health.birth', '出生医学证明信息', 'shanghai.health', '新生儿姓名、出生时间地点、父母身份信息'],
  ['health.death', '死亡医学证明信息', 'shanghai.health', '死亡时间、地点与原因（医学证明书）'],
  ['hrss.contribution', '社保缴纳记录', 'shanghai.hrss', '养老、医疗、失业、工伤、生育保险缴费月数与基数'],
  ['hrss.employment', '就业登记信息', 'shanghai.hrss', '用人单位、劳动合同起止与就业/失业登记'],
  ['hrss.pension', '养老金领取信息', 'shanghai.hrss', '退休审批与养老金发放记录'],
  ['medical.insurance', '医保参保信息', 'shanghai.medical_insurance', '参保类型、参保状态、缴费记录'],
  ['housing_fund.account', '公积金缴存信息', 'shanghai.housing_fund', '账户状态、缴存基数、余额与贷款记录'],
  ['real_estate.registration', '不动产登记信息', 'shanghai.real_estate_registry', '权利人、坐落、面积、抵押与查封状态'],
  ['housing.contract', '房屋交易合同网签信息', 'shanghai.housing_admin', '网签备案的买卖、租赁合同'],
  ['market.enterprise', '企业登记信息', 'shanghai.market', '名称、统一社会信用代码、法定代表人、住所、经营范围'],
  ['market.credit', '企业信用信息', 'shanghai.market', '经营异常、严重违法失信名单与行政处罚记录'],
  ['tax.payment', '纳税信息', 'shanghai.tax', '纳税人登记、申报与完税记录'],
  ['education.student', '学籍信息', 'shanghai.education', '在读学校、年级与学籍号'],
  ['education.degree', '学历学位信息', 'shanghai.education', '毕业院校、学历与学位'],
  ['disability.record', '残疾人信息', 'shanghai.disabled', '残疾类别、等级与残疾人证状态'],
  ['public_security.criminal', '违法犯罪记录信息', 'shanghai.public_security', '有无犯罪记录的核查结果'],
  ['traffic.vehicle', '机动车信息', 'shanghai.public_security.traffic', '号牌、车辆识别代号、所有人与检验状态'],
  ['traffic.driver', '驾驶人信息', 'shanghai.public_security.traffic', '准驾车型、记分与驾驶证有效期'],
  ['planning.project', '建设项目规划信息', 'shanghai.planning', '用地与工程规划许可、规划验收记录'],
  ['construction.project', '建设工程项目信息', 'shanghai.housing', '施工许可、质量安全监督与竣工验收记录'],
]
