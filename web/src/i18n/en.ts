import type { Messages } from './zh-CN'

/** English — same keys as zh-CN.ts (a missing or extra key is a type error). */
const en: Messages = {
  'site.name': 'Tongban',
  'site.tagline': 'One-stop government services',
  'site.home_link': 'Tongban home',

  'area.portal': 'Public services portal',
  'area.staff': 'Staff workbench',
  'area.admin': 'Operator console',

  'shell.skip_to_content': 'Skip to main content',
  'shell.main_nav': 'Main navigation',
  'shell.area_nav': 'Switch area',
  'shell.preferences': 'Display settings',
  'shell.switch_language': 'Switch to Chinese',
  'shell.language_name': 'English',
  'shell.elderly_mode': 'Elderly mode',
  'shell.elderly_mode_hint': 'Larger text, higher contrast',
  'shell.footer_about': 'Tongban is an open-source one-stop government services platform.',
  'shell.footer_offline': 'All fonts, icons and scripts are served by this site; nothing is loaded from elsewhere.',
  'shell.you_are_here': 'Current area',

  'nav.portal_home': 'Home',
  'nav.staff_home': 'Workbench home',
  'nav.admin_home': 'Console home',

  'portal.title': 'Home',
  'portal.welcome': 'Welcome to Tongban',
  'portal.intro':
    'Residents and businesses will find services here, apply online, upload documents and follow their applications. Services will appear here once the service catalog is online.',
  'portal.search_heading': 'Search services',
  'portal.search_label': 'Service name or keyword',
  'portal.search_button': 'Search',
  'portal.search_unavailable':
    'The service catalog is not online yet, so "{query}" cannot be searched for now. Services arrive with the catalog.',
  'portal.search_empty': 'Please enter a service name or keyword.',
  'portal.areas_heading': 'Areas',
  'portal.area_portal_desc': 'For residents and businesses: find services, apply online, follow progress.',
  'portal.area_staff_desc': 'For counter and review staff: accept, review, decide and conclude applications.',
  'portal.area_admin_desc': 'For operators: system status, configuration and audit.',
  'health.heading': 'System status',

  'staff.title': 'Workbench',
  'staff.heading': 'Staff workbench',
  'staff.intro':
    'Counter and review staff will accept applications, review documents, decide and conclude cases here. These functions arrive with the business modules and are not open yet.',

  'admin.title': 'Console',
  'admin.heading': 'Operator console',
  'admin.intro':
    'Operators will see the system status, manage configuration and query audit records here. For now only the service status below is available.',

  'health.checking': 'Checking the service…',
  'health.ok': 'Service OK',
  'health.error': 'Service unavailable',
  'health.error_http': 'The server answered with status {code}.',
  'health.error_body': 'The server did not answer with the expected {"status":"ok"}.',
  'health.error_network': 'Could not reach the server.',
  'health.retry': 'Check again',
  'health.checked_at': 'Checked at {time}',

  'not_found.title': 'Page not found',
  'not_found.heading': 'Page not found',
  'not_found.body': 'There is no page at {path}. It may have moved, or the address may be wrong.',
  'not_found.back': 'Back to {area}',
}

export default en
