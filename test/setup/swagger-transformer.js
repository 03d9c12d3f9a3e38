// The @nestjs/swagger compiler plugin as a ts-jest AST transformer, with the options `nest build`
// reads from nest-cli.json, so that tests see the same OpenAPI document as the built API.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const plugin = require('@nestjs/swagger/plugin');

const nestCli = JSON.parse(readFileSync(join(__dirname, '..', '..', 'nest-cli.json'), 'utf8'));
const entry = (nestCli.compilerOptions.plugins ?? []).find((p) => (typeof p === 'string' ? p : p.name) === '@nestjs/swagger');
if (!entry) throw new Error('nest-cli.json configures no @nestjs/swagger plugin');
const options = typeof entry === 'string' ? {} : (entry.options ?? {});
const swaggerVersion = require('@nestjs/swagger/package.json').version;

module.exports = {
  name: 'nestjs-swagger-plugin',
  // Part of ts-jest's cache key: a change of the plugin or its options compiles the files again. `live`
  // marks the fix below: outputs compiled against the stale program are not reused.
  version: createHash('sha1').update(`${swaggerVersion}\n${JSON.stringify(options)}\nlive`).digest('hex').slice(0, 12),
  /**
   * The plugin reads types, so it needs the program: these files are compiled with the language
   * service. ts-jest's `compiler.program` is the service's first, empty program and is never updated;
   * a checker of that program reads the file being compiled only by luck (an array property then lost
   * its type now and then, and the document failed to build). The service's current program is the
   * one that holds the file being emitted.
   */
  factory: (compiler) => plugin.before({ ...options }, compiler._languageService?.getProgram() ?? compiler.program),
};
