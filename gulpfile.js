// tsc compiles the TypeScript; n8n also needs the icons and each node's codex (.node.json) in dist/.
//
// The codex source sits in nodes/<Node>/codex/, not beside <Node>.node.ts as in n8n's own repo:
// an extensionless import of "./<Node>.node" would otherwise resolve to the .json file under
// Node's resolver order (.js, .json, then .ts for tsx), breaking the demo and bench scripts.
const { rmSync } = require('node:fs');
const path = require('node:path');
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodex() {
	// nodes/MailshitSmtp/codex/MailshitSmtp.node.json → dist/nodes/MailshitSmtp/MailshitSmtp.node.json
	return src('nodes/*/codex/*.node.json').pipe(
		dest((file) => {
			file.dirname = path.dirname(file.dirname);
			return 'dist/nodes';
		}),
	);
}

// `npm run build` starts here: a module deleted from the sources must not live on in dist/ (and in the
// tarball). A script of its own would not do: the repo's .npmrc (ignore-scripts) skips `prebuild`.
function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

exports.clean = clean;
exports['build:icons'] = parallel(copyIcons, copyCodex);
