/** The ARNs that name backend resources in IAM policies and errors, for the layers above lib/backend (which may not import lib/aws). */
export { dynamoArn, s3Arn } from "@/lib/aws/errors";
