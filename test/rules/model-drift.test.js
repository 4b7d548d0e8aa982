// Models linted inside fixtures/models: the other models (and prisma/schema.prisma) are read from disk, so a table
// mapped twice is found across files and ORMs.
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["model-drift"];
const root = fixture("models");
const model = path.join(root, "src/hoc/models/orders/gift-card.entity.ts");
const typeorm = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n`;

new RuleTester().run("model-drift", rule, {
  valid: [
    {
      name: "TypeORM: the table is the class name, snake_case and plural",
      filename: model,
      code: `${typeorm}@Entity("gift_cards")\nexport class GiftCard {\n  @PrimaryGeneratedColumn() id!: number;\n}`,
    },
    {
      name: "an ignored suffix is not part of the table's name; a schema prefix and any case are ignored",
      filename: model,
      code: `${typeorm}@Entity({ name: "public.Gift_Cards" })\nexport class GiftCardEntity {}`,
    },
    {
      name: "no table name given: the ORM derives it from the class, which cannot drift (tableNames: optional)",
      filename: model,
      code: `${typeorm}@Entity()\nexport class GiftCard {}`,
    },
    {
      name: "a computed table name is not compared (the gate row counts it)",
      filename: model,
      code: `${typeorm}@Entity(process.env.GIFT_CARD_TABLE)\nexport class GiftCard {}`,
    },
    {
      name: "a home-grown @Entity decorator is not an ORM's: not a model",
      filename: model,
      code: `import { Entity } from "../../../shared/decorators.js";\n@Entity("orders")\nexport class OrderSearchRow {}`,
    },
    {
      name: "Drizzle: the variable names the model, `usersTable` for `users`",
      filename: path.join(root, "src/hoc/models/catalog/tags.ts"),
      code: `import { pgTable, text } from "drizzle-orm/pg-core";\nexport const tagsTable = pgTable("tags", { name: text("name").notNull() });\nexport const productTags = pgTable("product_tags", { tag: text("tag").notNull() });`,
    },
    {
      name: "naming: off compares nothing",
      filename: model,
      settings: { hoc: { root, modelDrift: { naming: "off" } } },
      code: `${typeorm}@Entity("tbl_gc")\nexport class GiftCard {}`,
    },
  ],
  invalid: [
    {
      name: "a table name drifting from its class, with the expected name",
      filename: model,
      code: `${typeorm}@Entity("giftcard")\nexport class GiftCard {}`,
      errors: [
        {
          messageId: "drift",
          line: 2,
          column: 9,
          data: { form: "@Entity() class", name: "GiftCard", table: "giftcard", naming: "snake_plural", expected: "gift_cards" },
        },
      ],
    },
    {
      name: "a table another model maps (in another file) is named with that model's place, and is not also a drift",
      filename: model,
      code: `${typeorm}@Entity("coupons")\nexport class Coupon2 {}`,
      errors: [
        {
          messageId: "duplicateTable",
          line: 2,
          data: { form: "@Entity() class", name: "Coupon2", table: "coupons", other: "Coupon", otherAt: "src/hoc/models/orders/coupon.entity.ts:5" },
        },
      ],
    },
    {
      name: "sequelize-typescript and MikroORM spell the table their own way",
      filename: model,
      code: `import { Table, Model } from "sequelize-typescript";\nimport { Entity } from "@mikro-orm/core";\n@Table({ tableName: "giftcards" })\nexport class GiftCard extends Model {}\n@Entity({ tableName: "ledger" })\nexport class LedgerEntry {}`,
      errors: [
        { messageId: "drift", line: 3, data: { form: "@Table() class", name: "GiftCard", table: "giftcards", naming: "snake_plural", expected: "gift_cards" } },
        {
          messageId: "drift",
          line: 5,
          data: { form: "@Entity() class", name: "LedgerEntry", table: "ledger", naming: "snake_plural", expected: "ledger_entries" },
        },
      ],
    },
    {
      name: "Sequelize Model.init and sequelize.define",
      filename: model,
      code: `import { DataTypes, Model, Sequelize } from "sequelize";
declare const sequelize: Sequelize;
export class GiftCard extends Model {}
GiftCard.init({ code: DataTypes.STRING }, { sequelize, tableName: "cards" });
export const Voucher = sequelize.define("Voucher", { code: DataTypes.STRING }, { tableName: "voucher_codes" });`,
      errors: [
        { messageId: "drift", line: 4, data: { form: "Model.init", name: "GiftCard", table: "cards", naming: "snake_plural", expected: "gift_cards" } },
        {
          messageId: "drift",
          line: 5,
          data: { form: "sequelize.define()", name: "Voucher", table: "voucher_codes", naming: "snake_plural", expected: "vouchers" },
        },
      ],
    },
    {
      name: "a table the Prisma schema maps already",
      filename: model,
      code: `${typeorm}@Entity("members")\nexport class Member {}`,
      errors: [
        {
          messageId: "duplicateTable",
          line: 2,
          data: { form: "@Entity() class", name: "Member", table: "members", other: "Member", otherAt: "prisma/schema.prisma:26" },
        },
      ],
    },
    {
      name: "a model outside the model layer, named in the user's layer names",
      filename: path.join(root, "src/hoc/cus/orders/L6_drivers/gift_card_row.ts"),
      code: `${typeorm}@Entity("gift_cards")\nexport class GiftCard {}`,
      errors: [
        { messageId: "outsideModels", line: 3, data: { form: "@Entity() class", name: "GiftCard", layer: "L6 driver (cus/orders)", modelLayers: "L7 model" } },
      ],
    },
    {
      name: "tableNames: required reports a model that leaves its table to the ORM",
      filename: model,
      settings: { hoc: { root, modelDrift: { tableNames: "required" } } },
      code: `${typeorm}@Entity()\nexport class GiftCard {}`,
      errors: [{ messageId: "missingTable", line: 3, column: 14, data: { form: "@Entity() class", name: "GiftCard", how: '`@Entity("<table>")`' } }],
    },
  ],
});
