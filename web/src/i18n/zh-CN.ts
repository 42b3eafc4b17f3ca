/**
 * 简体中文 — the reference message table. Its keys define `MessageKey`; en.ts must have the same keys
 * (the type checker enforces it). Keys are `<area or module>.<thing>`; module pages add their own
 * prefix named after the C++ module (e.g. `casework.case_not_submitted`, mirroring error reasons).
 * `{name}` is replaced by the parameter of that name.
 */
const zhCN = {
  'site.name': '通办',
  'site.tagline': '一网通办政务服务平台',
  'site.home_link': '通办首页',

  'area.portal': '政务服务门户',
  'area.staff': '工作人员工作台',
  'area.admin': '运维控制台',

  'shell.skip_to_content': '跳到主要内容',
  'shell.main_nav': '主导航',
  'shell.area_nav': '切换区域',
  'shell.preferences': '显示设置',
  'shell.switch_language': '切换到英文',
  'shell.language_name': '中文',
  'shell.elderly_mode': '适老模式',
  'shell.elderly_mode_hint': '更大字号、更高对比度',
  'shell.footer_about': '通办是开源的“一网通办”政务服务平台。',
  'shell.footer_offline': '本站的字体、图标和脚本均由本站提供，不依赖外部网络。',
  'shell.you_are_here': '当前区域',

  'nav.portal_home': '首页',
  'nav.staff_home': '工作台首页',
  'nav.admin_home': '控制台首页',

  'portal.title': '首页',
  'portal.welcome': '欢迎使用通办',
  'portal.intro':
    '居民和企业将在这里查找办事事项、在线申请、上传材料并查询办理进度。办事服务将随事项目录上线后在这里提供。',
  'portal.search_heading': '搜索办事服务',
  'portal.search_label': '事项名称或关键词',
  'portal.search_button': '搜索',
  'portal.search_unavailable': '事项目录尚未上线，暂时无法搜索“{query}”。办事服务将随事项目录一起提供。',
  'portal.search_empty': '请输入事项名称或关键词。',
  'portal.areas_heading': '入口',
  'portal.area_portal_desc': '居民和企业办事：查找事项、在线申请、查询进度。',
  'portal.area_staff_desc': '窗口和审批人员：受理、审查、决定和办结申请。',
  'portal.area_admin_desc': '运维人员：查看系统状态，管理配置和审计。',
  'health.heading': '系统状态',

  'staff.title': '工作台',
  'staff.heading': '工作人员工作台',
  'staff.intro':
    '窗口和审批人员将在这里受理申请、审查材料、作出决定并办结。这些功能将随各业务模块陆续上线，目前尚未开放。',

  'admin.title': '控制台',
  'admin.heading': '运维控制台',
  'admin.intro': '运维人员将在这里查看系统状态、管理配置和查询审计记录。目前只提供下方的服务状态。',

  'health.checking': '正在检查服务状态…',
  'health.ok': '服务正常',
  'health.error': '服务异常',
  'health.error_http': '服务器返回状态码 {code}。',
  'health.error_body': '服务器的回答不是预期的 {"status":"ok"}。',
  'health.error_network': '无法连接服务器。',
  'health.retry': '重新检查',
  'health.checked_at': '检查时间：{time}',

  'not_found.title': '页面不存在',
  'not_found.heading': '页面不存在',
  'not_found.body': '没有找到地址为 {path} 的页面。它可能已被移动，或地址有误。',
  'not_found.back': '返回{area}',
} as const

export type MessageKey = keyof typeof zhCN
export type Messages = Record<MessageKey, string>

export default zhCN satisfies Messages
