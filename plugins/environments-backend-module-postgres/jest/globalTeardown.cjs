// Jest `globalTeardown`: stops the server the globalSetup of this folder started.
module.exports =
  require('@paved/plugin-environments-backend-module-postgres/testUtils').globalTeardown;
