// Models linted inside fixtures/models: relations resolve to the models on disk (Customer, Coupon, User, ...).
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["data-quality"];
const root = fixture("models");
const orders = path.join(root, "src/hoc/models/orders/refund.entity.ts");
const content = path.join(root, "src/hoc/models/content/comment.model.ts");
const typeorm = `import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Customer } from "./customer.entity.js";
import { Order } from "./order.entity.js";
`;

new RuleTester().run("data-quality", rule, {
  valid: [
    {
      name: "required foreign keys, an inverse side that exists, states typed as unions and enums",
      filename: orders,
      code: `${typeorm}export type RefundState = "requested" | "approved";
@Entity("refunds")
export class Refund {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "uuid" }) orderId!: string;
  @ManyToOne(() => Order) @JoinColumn({ name: "orderId" }) order!: Order;
  @ManyToOne(() => Customer, (customer) => customer.orders) customer!: Customer;
  @Column({ type: "varchar" }) state!: RefundState;
  @Column({ type: "enum", enum: ["card", "bank"] }) kind!: string;
  @Column({ nullable: true }) note?: string;
}`,
    },
    {
      name: "Drizzle: a text column narrowed by .$type<…>() or { enum } is not a plain string",
      filename: path.join(root, "src/hoc/models/catalog/reviews.ts"),
      code: `import { pgTable, text } from "drizzle-orm/pg-core";
type ReviewState = "draft" | "published";
export const reviews = pgTable("reviews", {
  state: text("state").$type<ReviewState>().notNull(),
  kind: text("kind", { enum: ["photo", "text"] }).notNull(),
});`,
    },
    {
      name: "a DTO with `status: string` and an optional `customerId` is not a model",
      filename: orders,
      code: `export class RefundDto {\n  status!: string;\n  customerId?: string;\n}\nexport interface RefundView { type: string; orderId?: string }`,
    },
    {
      name: "a `*Id` column that names no model is not a foreign key (externalId, stripeChargeId)",
      filename: orders,
      code: `${typeorm}@Entity("refunds")\nexport class Refund {\n  @Column({ nullable: true }) externalId?: string;\n  @Column({ nullable: true }) stripeChargeId?: string;\n}`,
    },
    {
      name: "a nullable foreign key listed with its reason is known: left out",
      filename: path.join(root, "src/hoc/models/content/document.model.ts"),
      code: `import { Column, DataType, ForeignKey, Model, Table } from "sequelize-typescript";
@Table({ tableName: "documents" })
export class Document extends Model {
  @ForeignKey(() => Document)
  @Column({ type: DataType.UUID, allowNull: true })
  declare parentDocumentId: string | null;
}`,
    },
    {
      name: "belongsTo with the target's hasMany declared (decorators and association calls)",
      filename: content,
      code: `import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from "sequelize-typescript";
import { Collection } from "./collection.model.js";
@Table({ tableName: "comments" })
export class Comment extends Model {
  @ForeignKey(() => Collection) @Column(DataType.UUID) declare collectionId: string;
}
@Table({ tableName: "pins" })
export class Pin extends Model {
  @BelongsTo(() => Collection) declare collection: Collection;
}
Collection.hasMany(Pin);`,
    },
  ],
  invalid: [
    {
      name: "TypeORM: a nullable join column, a nullable relation, a missing inverse side, a plain-string status",
      filename: orders,
      code: `${typeorm}@Entity("refunds")
export class Refund {
  @Column({ nullable: true }) orderId?: string;
  @ManyToOne(() => Order) @JoinColumn({ name: "orderId" }) order!: Order;
  @ManyToOne(() => Customer, (customer) => customer.refunds) customer!: Customer | null;
  @Column() status!: string;
}`,
      errors: [
        { messageId: "nullableForeignKey", line: 6, data: { model: "Refund", column: "orderId", target: "Order", how: "`nullable: true`" } },
        { messageId: "nullableForeignKey", line: 8, data: { model: "Refund", column: "customer", target: "Customer", how: "`| null` in its type" } },
        { messageId: "inverseMissing", line: 8, data: { model: "Refund", property: "customer", target: "Customer", inverse: "refunds", orm: "TypeORM" } },
        { messageId: "plainStatus", line: 9, data: { model: "Refund", column: "status", how: "`string`" } },
      ],
    },
    {
      name: "the last resort: a nullable `customerId` column names the Customer model",
      filename: orders,
      code: `${typeorm}@Entity("refunds")\nexport class Refund {\n  @Column({ type: "uuid", nullable: true }) customerId!: string;\n}`,
      errors: [{ messageId: "nullableForeignKey", line: 6, data: { model: "Refund", column: "customerId", target: "Customer", how: "`nullable: true`" } }],
    },
    {
      name: "sequelize-typescript: belongsTo a model that declares no hasMany of it",
      filename: content,
      code: `import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from "sequelize-typescript";
import { User } from "./user.model.js";
@Table({ tableName: "comments" })
export class Comment extends Model {
  @ForeignKey(() => User) @Column(DataType.UUID) declare authorId: string;
  @BelongsTo(() => User, "authorId") declare author: User;
}`,
      errors: [{ messageId: "belongsToOneWay", line: 6, data: { model: "Comment", target: "User" } }],
    },
    {
      name: "Sequelize associations: `Job.belongsTo(Worker)` without `Worker.hasMany(Job)`",
      filename: path.join(root, "src/hoc/models/jobs/assign.ts"),
      code: `import type { Sequelize } from "sequelize";
import { Job } from "./job.js";
import { Queue } from "./queue.js";
import { Worker } from "./worker.js";
export function associate(_s: Sequelize) {
  Job.belongsTo(Queue);
  Job.belongsTo(Worker);
}`,
      errors: [{ messageId: "belongsToOneWay", line: 7, column: 3, data: { model: "Job", target: "Worker" } }],
    },
    {
      name: "Drizzle: a reference without .notNull(), a status column of text()",
      filename: path.join(root, "src/hoc/models/catalog/reviews.ts"),
      code: `import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { productsTable } from "./schema.js";
export const reviews = pgTable("reviews", {
  productId: uuid("product_id").references(() => productsTable.id),
  state: text("state").notNull(),
});`,
      errors: [
        { messageId: "nullableForeignKey", line: 4, data: { model: "reviews", column: "productId", target: "productsTable", how: "no `.notNull()`" } },
        { messageId: "plainStatus", line: 5, data: { model: "reviews", column: "state", how: "text()" } },
      ],
    },
    {
      name: "statusColumns from settings: `phase` holds a state too",
      filename: orders,
      settings: { hoc: { root, dataQuality: { statusColumns: { extend: ["phase"] } } } },
      code: `${typeorm}@Entity("refunds")\nexport class Refund {\n  @Column() phase!: string;\n}`,
      errors: [{ messageId: "plainStatus", line: 6, data: { model: "Refund", column: "phase", how: "`string`" } }],
    },
  ],
});
