/**
 * The seam holds: the contract's neutral part, the core's dispatch and setup routing, the
 * store's shell and the wizard shell name no cloud. A cloud's code lives in cloud-named modules
 * (provisioners/aws, contract/clouds/aws, core/clouds, renderer/src/clouds/aws), and a new
 * cloud is new files there plus one line in each registry.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const NEUTRAL = [
  'electron/contract/schemas/setup.ts',
  'electron/contract/methods.ts',
  'electron/contract/methods/app.ts',
  'electron/contract/methods/setup.ts',
  'electron/contract/methods/operations.ts',
  'electron/contract/methods/spec.ts',
  'electron/contract/events.ts',
  'electron/contract/errors.ts',
  'electron/contract/domain.ts',
  'electron/core/dispatch.ts',
  'electron/core/errors.ts',
  'electron/core/handlers/setup.ts',
  'electron/core/handlers/operations.ts',
  'electron/core/operations/registry.ts',
  'provisioners/core/provider.ts',
  'provisioners/core/setup.schema.ts',
  'provisioners/core/studio.schema.ts',
  'provisioners/core/node-pools.schema.ts',
  'provisioners/core/secrets.schema.ts',
  'renderer/src/store/index.ts',
  'renderer/src/store/plan.ts',
  'renderer/src/store/ui.ts',
  'renderer/src/app/Shell.tsx',
  'renderer/src/clouds/setup-names.ts',
  'renderer/src/components/SummaryCard.tsx',
  'renderer/src/screens/ReviewShell.tsx',
  'renderer/src/screens/OutputsPanel.tsx',
  'renderer/src/screens/PoolList.tsx',
  'renderer/src/screens/manage/ManageShell.tsx',
  'renderer/src/screens/manage/SetupsDashboard.tsx',
  'renderer/src/screens/manage/TeardownCard.tsx',
  'renderer/src/screens/manage/StudioCard.tsx',
  'renderer/src/screens/manage/PlannedChange.tsx',
  'renderer/src/screens/manage/change.ts',
];

/** A cloud's name as a word of an identifier (awsX, createAwsProvider, AZURE_…), not inside another word (rawStatus). */
const CLOUD = /^(aws|azure)|(Aws|AWS|Azure|AZURE)/;

/** Identifiers and module specifiers that name a cloud (comments and other strings are free to). */
function cloudNames(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && CLOUD.test(node.text)) found.push(node.text);
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      CLOUD.test(node.moduleSpecifier.text)
    )
      found.push(node.moduleSpecifier.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the cloud-neutral layers', () => {
  it.each(NEUTRAL)('%s names no cloud', (file) => {
    expect(cloudNames(file)).toEqual([]);
  });

  it('is checked by a scan that does catch a cloud name', () => {
    const file = 'electron/core/clouds/aws.ts';
    expect(cloudNames(file).length).toBeGreaterThan(0);
  });
});
