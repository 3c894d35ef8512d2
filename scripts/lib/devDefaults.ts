/** What `npm start` creates on a first start; the e2e suite checks the same values. */
export const DEMO_OWNER = { email: 'demo@mailshit.local', password: 'Mailshit-demo-1', firstName: 'Demo', lastName: 'User' };
export const EXAMPLE_WORKFLOW_ID = 'mailshitExample01';
export const EXAMPLE_WORKFLOW_NAME = 'mailshit example: MJML newsletter to 3 subscribers';
export const CATCHER_CREDENTIAL = { id: 'mailshitLocalCatcher', name: 'Local mail catcher' };
/** MailDev's own ports (SMTP 1025 is also Mailpit's and Mailhog's): what a local catcher is expected on. */
export const CATCHER_SMTP_PORT = 1025;
export const CATCHER_HTTP_PORT = 1080;
